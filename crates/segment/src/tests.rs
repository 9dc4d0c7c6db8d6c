//! Hand-collected hard cases for tokens and sentences, a run over the seed
//! article, and an ignored throughput measurement.

use super::*;

fn toks(text: &str) -> Vec<&str> {
    tokenize(text)
        .into_iter()
        .map(|s| &text[s.range()])
        .collect()
}

fn doc(text: &str) -> Document {
    let mut d = Document {
        text: text.to_string(),
        ..Default::default()
    };
    segment(&mut d);
    check_invariants(&d);
    d
}

fn sents(text: &str) -> Vec<String> {
    let d = doc(text);
    d.sentences
        .iter()
        .map(|s| d.slice(s.span).to_string())
        .collect()
}

/// Every token in exactly one sentence, in order; spans trimmed; tokens
/// non-empty, whitespace-free and not overlapping.
fn check_invariants(d: &Document) {
    let mut next = 0;
    for s in &d.sentences {
        assert_eq!(s.first_token, next, "gap before sentence {s:?}");
        assert!(s.first_token < s.last_token, "empty sentence {s:?}");
        assert_eq!(s.span.start, d.tokens[s.first_token].span.start);
        assert_eq!(s.span.end, d.tokens[s.last_token - 1].span.end);
        let t = d.slice(s.span);
        assert_eq!(t, t.trim(), "untrimmed sentence");
        next = s.last_token;
    }
    assert_eq!(next, d.tokens.len(), "tokens after the last sentence");
    let mut prev_end = 0;
    for t in &d.tokens {
        assert!(!t.span.is_empty() && t.span.start >= prev_end);
        assert!(!d.slice(t.span).contains(char::is_whitespace));
        prev_end = t.span.end;
    }
}

#[track_caller]
fn assert_toks(text: &str, expected: &[&str]) {
    assert_eq!(toks(text), expected, "tokens of {text:?}");
}

#[track_caller]
fn assert_sents(text: &str, expected: &[&str]) {
    assert_eq!(sents(text), expected, "sentences of {text:?}");
}

// ---------------------------------------------------------------- tokens

#[test]
fn tok_negation_clitics() {
    assert_toks(
        "They don't agree and can't win; Moscow won't budge.",
        &[
            "They", "do", "n't", "agree", "and", "ca", "n't", "win", ";", "Moscow", "wo", "n't",
            "budge", ".",
        ],
    );
}

#[test]
fn tok_curly_negation() {
    assert_toks(
        "Iranians don’t understand",
        &["Iranians", "do", "n’t", "understand"],
    );
}

#[test]
fn tok_possessives_straight_and_curly() {
    assert_toks(
        "Assad’s army and Assad's allies",
        &["Assad", "’s", "army", "and", "Assad", "'s", "allies"],
    );
}

#[test]
fn tok_plural_possessive() {
    assert_toks(
        "the Russians' view and the Kurds’ demands",
        &[
            "the", "Russians", "'", "view", "and", "the", "Kurds", "’", "demands",
        ],
    );
}

#[test]
fn tok_other_clitics() {
    assert_toks(
        "they're sure we've won, I'm told, she'll stay, he'd go",
        &[
            "they", "'re", "sure", "we", "'ve", "won", ",", "I", "'m", "told", ",", "she", "'ll",
            "stay", ",", "he", "'d", "go",
        ],
    );
}

#[test]
fn tok_apostrophes_inside_names_stay() {
    assert_toks(
        "O'Brien visited Sana'a and Ma’arrat",
        &["O'Brien", "visited", "Sana'a", "and", "Ma’arrat"],
    );
    assert_toks("O'Brien's plan", &["O'Brien", "'s", "plan"]);
}

#[test]
fn tok_hyphenated_words_stay_whole() {
    assert_toks(
        "pro-government militias in north-western Syria, a large-scale Iran-backed push",
        &[
            "pro-government",
            "militias",
            "in",
            "north-western",
            "Syria",
            ",",
            "a",
            "large-scale",
            "Iran-backed",
            "push",
        ],
    );
}

#[test]
fn tok_numbers() {
    assert_toks(
        "1,000 troops, 3.5 per cent, 12,500,000 people on 2024-12-04 at 10:30",
        &[
            "1,000",
            "troops",
            ",",
            "3.5",
            "per",
            "cent",
            ",",
            "12,500,000",
            "people",
            "on",
            "2024-12-04",
            "at",
            "10:30",
        ],
    );
}

#[test]
fn tok_currency_and_percent() {
    assert_toks(
        "$5bn in aid, £1.2bn more, up 5%",
        &[
            "$", "5bn", "in", "aid", ",", "£", "1.2bn", "more", ",", "up", "5", "%",
        ],
    );
}

#[test]
fn tok_comma_between_years_splits() {
    assert_toks(
        "in 2011,2012 and 2013",
        &["in", "2011", ",", "2012", "and", "2013"],
    );
}

#[test]
fn tok_titles_and_months_keep_period() {
    assert_toks(
        "Mr. Blinken met Gen. Milley on Jan. 5 with Lt. Col. Reed",
        &[
            "Mr.", "Blinken", "met", "Gen.", "Milley", "on", "Jan.", "5", "with", "Lt.", "Col.",
            "Reed",
        ],
    );
}

#[test]
fn tok_initialisms() {
    assert_toks(
        "the U.S. and U.N. met at 9 a.m. with U.K. envoys",
        &[
            "the", "U.S.", "and", "U.N.", "met", "at", "9", "a.m.", "with", "U.K.", "envoys",
        ],
    );
    assert_toks("U.S.-backed forces", &["U.S.-backed", "forces"]);
}

#[test]
fn tok_sentence_final_initialism_has_no_extra_period() {
    assert_toks(
        "sanctions imposed by the U.S.",
        &["sanctions", "imposed", "by", "the", "U.S."],
    );
    assert_toks("talks in Paris.", &["talks", "in", "Paris", "."]);
}

#[test]
fn tok_degrees_and_possessive_initialisms() {
    assert_toks(
        "a Ph.D. from the E.U.'s college, i.e. Bruges",
        &[
            "a", "Ph.D.", "from", "the", "E.U.", "'s", "college", ",", "i.e.", "Bruges",
        ],
    );
}

#[test]
fn tok_initials() {
    assert_toks(
        "George W. Bush and John F. Kennedy",
        &["George", "W.", "Bush", "and", "John", "F.", "Kennedy"],
    );
    // The pronoun is not an initial.
    assert_toks("as did I. Then", &["as", "did", "I", ".", "Then"]);
}

#[test]
fn tok_number_prefix_only_before_digits() {
    assert_toks("No. 10 said no.", &["No.", "10", "said", "no", "."]);
}

#[test]
fn tok_urls_emails_handles_hashtags() {
    assert_toks(
        "See https://example.org/a/b?x=1&y=2. Mail press@un-agency.org or @UNHCR_news #Syria #1",
        &[
            "See",
            "https://example.org/a/b?x=1&y=2",
            ".",
            "Mail",
            "press@un-agency.org",
            "or",
            "@UNHCR_news",
            "#Syria",
            "#",
            "1",
        ],
    );
    assert_toks(
        "(www.un.org/en) and bbc.co.uk.",
        &["(", "www.un.org/en", ")", "and", "bbc.co.uk", "."],
    );
    assert_toks(
        "see https://en.wikipedia.org/wiki/Idlib_(city))",
        &["see", "https://en.wikipedia.org/wiki/Idlib_(city)", ")"],
    );
}

#[test]
fn tok_punctuation_and_dashes() {
    assert_toks(
        "the regime – they said — was (briefly) [sic]; 2011–2024… ok... no--yes",
        &[
            "the", "regime", "–", "they", "said", "—", "was", "(", "briefly", ")", "[", "sic", "]",
            ";", "2011", "–", "2024", "…", "ok", "...", "no", "--", "yes",
        ],
    );
}

#[test]
fn tok_quotes() {
    assert_toks(
        "“We stay,” he said. 'No,' she said: \"never\" ‘ok’",
        &[
            "“", "We", "stay", ",", "”", "he", "said", ".", "'", "No", ",", "'", "she", "said",
            ":", "\"", "never", "\"", "‘", "ok", "’",
        ],
    );
}

#[test]
fn tok_glued_period_splits() {
    assert_toks(
        "talks ended.The next",
        &["talks", "ended", ".", "The", "next"],
    );
    assert_toks("Mr.Assad", &["Mr.", "Assad"]);
}

#[test]
fn tok_misc_connectors() {
    assert_toks(
        "AT&T and S&P, 24/7 since 9/11, and/or",
        &[
            "AT&T", "and", "S&P", ",", "24/7", "since", "9/11", ",", "and", "/", "or",
        ],
    );
}

#[test]
fn tok_possessive_after_bracket() {
    assert_toks(
        "the (PKK)’s leaders",
        &["the", "(", "PKK", ")", "’s", "leaders"],
    );
}

#[test]
fn tok_unicode_words_and_spaces() {
    assert_toks(
        "Erdoğan's envoy\u{a0}met قوات\u{200b}الأسد in Zürich",
        &[
            "Erdoğan",
            "'s",
            "envoy",
            "met",
            "قوات",
            "الأسد",
            "in",
            "Zürich",
        ],
    );
}

#[test]
fn tok_spans_are_byte_offsets() {
    let text = "“Assad’s” men";
    let spans = tokenize(text);
    assert_eq!(spans[0], Span::new(0, 3));
    assert_eq!(&text[spans[2].range()], "’s");
    assert_eq!(spans.last().unwrap().end, text.len());
}

#[test]
fn tok_empty_and_blank() {
    assert!(tokenize("").is_empty());
    assert!(tokenize(" \n\t\u{a0} ").is_empty());
}

// ------------------------------------------------------------- sentences

#[test]
fn sent_plain_periods() {
    assert_sents(
        "Rebels took Aleppo. The army withdrew.",
        &["Rebels took Aleppo.", "The army withdrew."],
    );
}

#[test]
fn sent_titles_do_not_break() {
    assert_sents(
        "Mr. Assad met Gen. Hassan and Dr. Khalil. They talked for hours.",
        &[
            "Mr. Assad met Gen. Hassan and Dr. Khalil.",
            "They talked for hours.",
        ],
    );
}

#[test]
fn sent_british_titles_without_period() {
    assert_sents(
        "Mr Assad's forces retreated. Mr Assad fled to Moscow.",
        &["Mr Assad's forces retreated.", "Mr Assad fled to Moscow."],
    );
}

#[test]
fn sent_initialism_ends_before_starter() {
    assert_sents(
        "The envoy held talks in the U.S. The next day he flew home.",
        &[
            "The envoy held talks in the U.S.",
            "The next day he flew home.",
        ],
    );
}

#[test]
fn sent_initialism_before_name_continuation() {
    assert_sents(
        "The U.S. President spoke to the U.N. Security Council on Monday.",
        &["The U.S. President spoke to the U.N. Security Council on Monday."],
    );
}

#[test]
fn sent_initialism_before_other_capital() {
    assert_sents(
        "The strikes were condemned by the U.S. Russia defended them.",
        &[
            "The strikes were condemned by the U.S.",
            "Russia defended them.",
        ],
    );
}

#[test]
fn sent_initialism_before_lowercase() {
    assert_sents(
        "He met the U.N. envoy and U.S. officials.",
        &["He met the U.N. envoy and U.S. officials."],
    );
}

#[test]
fn sent_abbreviation_before_bracket_or_example() {
    assert_sents(
        "Figures from the U.N. (UNHCR) and Ph.D. students, e.g. Mr Haddad, differ.",
        &["Figures from the U.N. (UNHCR) and Ph.D. students, e.g. Mr Haddad, differ."],
    );
}

#[test]
fn sent_initialism_at_paragraph_end() {
    let d = doc("Aid arrived from the U.S.");
    assert_eq!(d.sentences.len(), 1);
    assert_eq!(d.slice(d.tokens.last().unwrap().span), "U.S.");
}

#[test]
fn sent_closing_curly_quote_goes_with_sentence() {
    assert_sents(
        "“We will not leave,” he said. “Nobody will.” Next came the vote.",
        &[
            "“We will not leave,” he said.",
            "“Nobody will.”",
            "Next came the vote.",
        ],
    );
}

#[test]
fn sent_closing_bracket_goes_with_sentence() {
    assert_sents(
        "The vote was delayed. (See below.) Next week it resumes.",
        &[
            "The vote was delayed.",
            "(See below.)",
            "Next week it resumes.",
        ],
    );
}

#[test]
fn sent_comma_quote_said_does_not_break() {
    assert_sents(
        "“The regime refused to negotiate,” said Ahmed Touma, head of the delegation. He left.",
        &[
            "“The regime refused to negotiate,” said Ahmed Touma, head of the delegation.",
            "He left.",
        ],
    );
}

#[test]
fn sent_question_quote_lowercase_continues() {
    assert_sents(
        "“Why?” he asked. “Why now?” she wondered aloud.",
        &["“Why?” he asked.", "“Why now?” she wondered aloud."],
    );
}

#[test]
fn sent_question_quote_then_name_and_speech_verb() {
    assert_sents(
        "“Is this a ceasefire?” Mr Touma asked. “No!” Hamid shouted, angrily.",
        &[
            "“Is this a ceasefire?” Mr Touma asked.",
            "“No!” Hamid shouted, angrily.",
        ],
    );
}

#[test]
fn sent_question_quote_then_new_sentence() {
    assert_sents(
        "“Is this fair?” The minister did not answer.",
        &["“Is this fair?”", "The minister did not answer."],
    );
}

#[test]
fn sent_straight_quotes() {
    assert_sents(
        "He left. \"We will fight,\" she said. \"Never.\" They went. \"Why?\" he asked.",
        &[
            "He left.",
            "\"We will fight,\" she said.",
            "\"Never.\"",
            "They went.",
            "\"Why?\" he asked.",
        ],
    );
}

#[test]
fn sent_initials_in_names() {
    assert_sents(
        "George W. Bush visited Baghdad. John F. Kennedy did not.",
        &[
            "George W. Bush visited Baghdad.",
            "John F. Kennedy did not.",
        ],
    );
}

#[test]
fn sent_decimals() {
    assert_sents(
        "Turnout rose 3.5 per cent. Officials said it was 61.2.",
        &["Turnout rose 3.5 per cent.", "Officials said it was 61.2."],
    );
}

#[test]
fn sent_time_abbreviations() {
    assert_sents(
        "Talks began at 10 a.m. The ministers left at 3 p.m. GMT on Monday.",
        &[
            "Talks began at 10 a.m.",
            "The ministers left at 3 p.m. GMT on Monday.",
        ],
    );
}

#[test]
fn sent_company_abbreviations() {
    assert_sents(
        "Shares in Acme Inc. fell. The firm is owned by Smith Bros. Its chief resigned.",
        &[
            "Shares in Acme Inc. fell.",
            "The firm is owned by Smith Bros.",
            "Its chief resigned.",
        ],
    );
    assert_sents(
        "Acme Inc. Chief Executive Jane Roe quit.",
        &["Acme Inc. Chief Executive Jane Roe quit."],
    );
}

#[test]
fn sent_etc_before_capital() {
    assert_sents(
        "They seized tanks, artillery, etc. Russia condemned the raid.",
        &[
            "They seized tanks, artillery, etc.",
            "Russia condemned the raid.",
        ],
    );
}

#[test]
fn sent_number_prefix_and_vs() {
    assert_sents(
        "No. 10 said the vote was 12 vs. 3 in favour. No. The motion failed.",
        &[
            "No. 10 said the vote was 12 vs. 3 in favour.",
            "No.",
            "The motion failed.",
        ],
    );
}

#[test]
fn sent_months() {
    assert_sents(
        "The truce ended in Jan. 2023 after talks. It was signed in Dec. The talks collapsed.",
        &[
            "The truce ended in Jan. 2023 after talks.",
            "It was signed in Dec.",
            "The talks collapsed.",
        ],
    );
}

#[test]
fn sent_ellipsis() {
    assert_sents(
        "He paused… then spoke. He waited... Then he signed.",
        &["He paused… then spoke.", "He waited...", "Then he signed."],
    );
}

#[test]
fn sent_headline_paragraph() {
    assert_sents(
        "Syrian rebels take Aleppo\n\nThe rebels entered the city on Friday.",
        &[
            "Syrian rebels take Aleppo",
            "The rebels entered the city on Friday.",
        ],
    );
}

#[test]
fn sent_never_crosses_paragraph() {
    assert_sents(
        "Officials said\n \nthe talks failed.\r\n\r\nA second round is planned",
        &[
            "Officials said",
            "the talks failed.",
            "A second round is planned",
        ],
    );
}

#[test]
fn sent_explicit_paragraphs() {
    let text = "Damascus falls Rebels enter the capital.";
    let mut d = Document {
        text: text.into(),
        paragraphs: vec![Span::new(15, text.len()), Span::new(0, 14)],
        ..Default::default()
    };
    segment(&mut d);
    check_invariants(&d);
    let got: Vec<&str> = d.sentences.iter().map(|s| d.slice(s.span)).collect();
    assert_eq!(got, ["Damascus falls", "Rebels enter the capital."]);
}

#[test]
fn sent_quote_opening_mid_sentence() {
    assert_sents(
        "He called the move “a betrayal of the people” and left. Nobody replied.",
        &[
            "He called the move “a betrayal of the people” and left.",
            "Nobody replied.",
        ],
    );
}

#[test]
fn sent_breaks_inside_multi_sentence_quote() {
    assert_sents(
        "He said: “We will fight. We will win.” Then he left.",
        &["He said: “We will fight.", "We will win.”", "Then he left."],
    );
}

#[test]
fn sent_nested_single_quote() {
    assert_sents(
        "Mr Fidan said ‘the regime never talks to us.’ Then he left.",
        &[
            "Mr Fidan said ‘the regime never talks to us.’",
            "Then he left.",
        ],
    );
}

#[test]
fn sent_quote_after_period_opens_next() {
    assert_sents(
        "Turkey closed the border. “The regime never talks,” an official said.",
        &[
            "Turkey closed the border.",
            "“The regime never talks,” an official said.",
        ],
    );
}

#[test]
fn sent_military_titles_chain() {
    assert_sents(
        "Lt. Col. Ahmed and Sen. Warren met Rep. Smith. The meeting was short.",
        &[
            "Lt. Col. Ahmed and Sen. Warren met Rep. Smith.",
            "The meeting was short.",
        ],
    );
}

#[test]
fn sent_numbered_list_item() {
    assert_sents(
        "1. The government resigns.\n\n2. Elections follow.",
        &["1. The government resigns.", "2. Elections follow."],
    );
}

#[test]
fn sent_exclamation_and_question() {
    assert_sents(
        "The talks collapsed! Officials blamed Iran. Why? Because talks failed. Really?! Yes.",
        &[
            "The talks collapsed!",
            "Officials blamed Iran.",
            "Why?",
            "Because talks failed.",
            "Really?!",
            "Yes.",
        ],
    );
}

#[test]
fn sent_digit_starts_sentence() {
    assert_sents(
        "Talks resumed in 2024. 2025 will be harder.",
        &["Talks resumed in 2024.", "2025 will be harder."],
    );
}

#[test]
fn sent_abbreviation_before_closing_quote() {
    assert_sents(
        "“We trust the U.S.” The minister then left. The policy was called “America First.” It failed.",
        &[
            "“We trust the U.S.”",
            "The minister then left.",
            "The policy was called “America First.”",
            "It failed.",
        ],
    );
}

#[test]
fn sent_hyphenated_initialism() {
    assert_sents(
        "U.S.-backed forces advanced. They took the dam.",
        &["U.S.-backed forces advanced.", "They took the dam."],
    );
}

#[test]
fn sent_saint_place_names() {
    assert_sents(
        "The envoy was born in St. Petersburg and studied in St. Louis.",
        &["The envoy was born in St. Petersburg and studied in St. Louis."],
    );
}

#[test]
fn sent_period_after_closing_quote() {
    assert_sents(
        "He called it “a disgrace”. The vote went ahead.",
        &["He called it “a disgrace”.", "The vote went ahead."],
    );
}

#[test]
fn sent_non_latin_next_word() {
    assert_sents("They chanted. الشعب يريد", &["They chanted.", "الشعب يريد"]);
}

#[test]
fn sent_empty_and_blank_documents() {
    assert!(doc("").sentences.is_empty());
    assert!(doc("  \n\n \n").sentences.is_empty());
}

#[test]
fn sent_resegment_replaces_layers() {
    let mut d = doc("One. Two.");
    segment(&mut d);
    check_invariants(&d);
    assert_eq!(d.sentences.len(), 2);
    assert_eq!(d.tokens.len(), 4);
}

#[test]
fn random_text_keeps_invariants() {
    // A deterministic soup of the characters the scanners special-case,
    // including multi-byte ones next to ASCII connectors: no panic, no
    // token crossing a char boundary, every token in one sentence.
    const PIECES: &[&str] = &[
        "a", "Mr", "U", "S", "3", "0", ".", ",", "'", "’", "“", "”", "\"", "-", "‐", "@", "#", "&",
        "/", ":", "?", "!", "…", "(", ")", " ", " ", "\n\n", "\n", "é", "ğ", "قوات", "\u{200b}",
        "\u{a0}", "http://", "www.", "n't", "s", "The", "$", "—", "x@y.org", "_", "%",
    ];
    let mut state = 0x2545_f491_4f6c_dd1du64;
    for _ in 0..2000 {
        let mut text = String::new();
        for _ in 0..40 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            text.push_str(PIECES[(state % PIECES.len() as u64) as usize]);
        }
        let d = doc(&text);
        for t in &d.tokens {
            assert!(text.is_char_boundary(t.span.start) && text.is_char_boundary(t.span.end));
        }
        assert_eq!(tokenize(&text).len(), d.tokens.len(), "{text:?}");
    }
}

// ---------------------------------------------------------- seed article

fn seed_text(name: &str) -> Option<String> {
    let path = format!("{}/../../../shared/seed/{name}", env!("CARGO_MANIFEST_DIR"));
    match std::fs::read_to_string(&path) {
        Ok(t) => Some(t),
        Err(_) => {
            println!("skipped: ../shared not found ({path})");
            None
        }
    }
}

#[test]
fn seed_article() {
    let Some(html) = seed_text("000_0d6959d4305744fe.txt") else {
        return;
    };
    // Crude tag stripping is enough for this check.
    let text = regex::Regex::new(r"<[^>]*>")
        .unwrap()
        .replace_all(&html, "")
        .into_owned();
    let d = doc(&text);
    let sentences: Vec<&str> = d.sentences.iter().map(|s| d.slice(s.span)).collect();
    assert!(sentences.len() > 20, "{sentences:#?}");

    let touma = sentences
        .iter()
        .find(|s| s.contains("said Ahmed Touma, head of the opposition delegation"))
        .expect("Touma sentence");
    assert!(
        touma.starts_with("“The Russians made a great effort"),
        "{touma}"
    );
    for (i, s) in sentences.iter().enumerate() {
        assert!(
            !s.starts_with("Assad"),
            "sentence {i} starts with Assad: {s}"
        );
        assert!(!s.starts_with(char::is_lowercase), "sentence {i}: {s}");
    }
    // The closing quote ends its sentence; the next starts with the name.
    assert!(sentences.iter().any(|s| s.ends_with("others.’”")));
    assert!(sentences
        .iter()
        .any(|s| s.starts_with("“Mostly, Russia has the planes") && s.ends_with("he said.")));
    let toks: Vec<&str> = d.tokens.iter().map(|t| d.slice(t.span)).collect();
    for w in [
        "pro-government",
        "Iran-backed",
        "north-western",
        "large-scale",
    ] {
        assert!(toks.contains(&w), "{w}");
    }
    assert!(toks.windows(2).any(|w| w == ["Assad", "’s"]));
}

// ------------------------------------------------------------ throughput

/// `cargo test --release -p dyad-segment -- --ignored --nocapture throughput`
///
/// Segments 64 MB of article-sized documents (about 8 KB each, news-style
/// prose with quotes, titles, numbers and links), one fresh `Document` at a
/// time as the pipeline does, and prints MB/s. No timing assert: machines
/// differ.
#[test]
#[ignore]
fn throughput() {
    const PARAS: &[&str] = &[
        "“The Russians made a great effort with the regime,” said Mr. Touma, head of the \
         U.S.-backed delegation, on Jan. 5 at 10 a.m. Iran, Mr Assad's other key ally, \
         hasn't engaged in talks on the country’s future.",
        "Rebels seized 1,000 square kilometres and $5bn worth of equipment in under three \
         days (see https://example.org/news/2024/12/04/aleppo). The army withdrew from \
         north-western positions, officials said.",
        "“Why?” he asked. The talks in the U.S. ended without agreement. The next day, \
         Gen. Smith told reporters that the pro-government militias were regrouping near \
         the city, which had been under government control since 2016.",
        "Turnout rose 3.5 per cent in the elections held on 2024-11-30, according to \
         figures released by the commission. Opposition parties rejected the results and \
         called for protests across the capital.",
    ];
    let mut article = String::new();
    let mut k = 0;
    while article.len() < 8 * 1024 {
        article.push_str(PARAS[k % PARAS.len()]);
        article.push_str("\n\n");
        k += 1;
    }
    let mut docs: Vec<Document> = (0..64 * 1024 * 1024 / article.len())
        .map(|_| Document {
            text: article.clone(),
            ..Default::default()
        })
        .collect();
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let t = std::time::Instant::now();
    let mut tokens = 0;
    for d in &mut docs {
        segment(d);
        tokens += d.tokens.len();
    }
    let secs = t.elapsed().as_secs_f64();
    let mb = bytes as f64 / 1e6;
    println!(
        "segment: {} docs, {mb:.1} MB, {tokens} tokens in {secs:.3}s = {:.1} MB/s",
        docs.len(),
        mb / secs
    );
    let t = std::time::Instant::now();
    let n: usize = docs.iter().map(|d| tokenize(&d.text).len()).sum();
    let secs = t.elapsed().as_secs_f64();
    println!("tokenize: {n} tokens in {secs:.3}s = {:.1} MB/s", mb / secs);
}

#[test]
fn long_sentences_are_capped_at_clause_punctuation() {
    let words: Vec<String> = (0..50)
        .map(|i| {
            if i % 7 == 6 {
                "b,".to_string()
            } else {
                format!("w{i}")
            }
        })
        .collect();
    let mut doc = Document {
        text: format!("Short one. {} end.", words.join(" ")),
        ..Default::default()
    };
    segment(&mut doc);
    let before = doc.sentences.len();
    assert_eq!(cap_sentences(&mut doc, 1000), 0);
    assert_eq!(doc.sentences.len(), before);
    let n = cap_sentences(&mut doc, 10);
    assert_eq!(n, 1);
    assert!(doc.sentences.len() > before + 4);
    // Every token is in exactly one sentence, in order, none over the cap.
    let mut next = 0;
    for s in &doc.sentences {
        assert_eq!(s.first_token, next);
        assert!(s.last_token - s.first_token <= 10);
        next = s.last_token;
    }
    assert_eq!(next, doc.tokens.len());
    // Pieces end at the comma where one is in reach.
    let second = doc.sentences[1];
    assert_eq!(doc.slice(doc.tokens[second.last_token - 1].span), ",");
}

#[test]
fn sent_a_leading_decimal_point_does_not_break() {
    assert_sents(
        "Police found a .38-caliber revolver and a .22 rifle at the farm. Nobody was hurt.",
        &[
            "Police found a .38-caliber revolver and a .22 rifle at the farm.",
            "Nobody was hurt.",
        ],
    );
}
