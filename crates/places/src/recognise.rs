//! Place mentions: finding them (token n-grams looked up in the gazetteer)
//! and resolving each to one entry by prior and context.

use dyad_document::{Document, MentionKind, Place, PlaceFeature, Span, SpanIndex};
use rustc_hash::FxHashMap;

use crate::gazetteer::{distance_km, normalise, Gazetteer, NameKind, Sense};

/// The recogniser's mentions that decide whether a name is a place:
/// people's names (a place inside one is part of the name) and seats of
/// government (read as their country's government).
struct Known {
    people: SpanIndex,
    capitals: SpanIndex,
}

/// Place recognition over one gazetteer.
pub struct Places<'g> {
    g: &'g Gazetteer,
}

/// A place mention before resolution.
#[derive(Debug, Clone)]
struct Cand {
    span: Span,
    /// Token range `[first, last)`.
    first: usize,
    last: usize,
    key: String,
    senses: Vec<Sense>,
    /// "northern" in "northern Syria": the mention is a part of a country.
    direction: Option<String>,
    /// An explicit frame: "Kazakh capital Astana", "Paris, Texas".
    frame: Option<u32>,
    /// The feature a designator asks for: "the city of X", "X Province".
    prefer: Option<PlaceFeature>,
    /// The sentence it is in.
    sent: usize,
    /// A locative preposition stands before it ("in X", "near X").
    locative: bool,
    /// It is a dateline's place ("BRUSSELS —").
    dateline: bool,
    /// It is named inside an organisation's name ("Ohio Department of
    /// Health"): the organisation's location.
    in_name: bool,
}

impl Cand {
    /// A mention of `key` over tokens `[first, last)` with nothing known yet
    /// about its frame, designator, direction or position.
    fn new(
        span: Span,
        (first, last): (usize, usize),
        key: &str,
        senses: Vec<Sense>,
        sent: usize,
    ) -> Cand {
        Cand {
            span,
            first,
            last,
            key: key.to_string(),
            senses,
            direction: None,
            frame: None,
            prefer: None,
            sent,
            locative: false,
            dateline: false,
            in_name: false,
        }
    }
}

/// Words that may stand lower-case inside a place name ("Isle of Man",
/// "Rio de Janeiro").
const CONNECTORS: &[&str] = &[
    "of", "the", "de", "del", "la", "le", "les", "du", "des", "da", "do", "dos", "das", "al", "el",
    "and", "upon", "on", "sur", "am", "an", "der", "den", "y", "i", "e", "en", "di", "ad", "as",
];

/// Capitalised words that are place names somewhere but far more often
/// something else in English news (months, days, common nouns and
/// adjectives that some small city is called).
const STOP: &[&str] = &[
    "of",
    "police",
    "mobile",
    "nice",
    "most",
    "reading",
    "split",
    "bath",
    "deal",
    "sale",
    "union",
    "university",
    "central",
    "north",
    "south",
    "east",
    "west",
    "northern",
    "southern",
    "eastern",
    "western",
    "new",
    "saint",
    "san",
    "said",
    "will",
    "can",
    "god",
    "hope",
    "independence",
    "liberty",
    "unity",
    "victory",
    "progress",
    "commerce",
    "industry",
    "trinity",
    "providence",
    "mercy",
    "justice",
    "concord",
    "reform",
    "freedom",
    "paradise",
    "eden",
    "man",
    "bar",
    "gay",
    "university",
    "college",
    "hospital",
    "republic",
    "kingdom",
    "state",
    "states",
    "city",
    "island",
    "islands",
    "federal",
    "national",
    "royal",
    "health",
    "president",
    "minister",
    "government",
    "army",
    "news",
    "world",
    "international",
    "council",
    "mission",
    "eagle",
    "lincoln",
    "jackson",
    "madison",
    "clinton",
    "obama",
    "bush",
    "trump",
    "grant",
    "douglas",
    "nelson",
    "lee",
    "young",
    "white",
    "black",
    "green",
    "brown",
    "union",
    "ministry",
    "sun",
    "moon",
    "star",
    "valley",
    "mountain",
    "hill",
    "lake",
    "river",
    "beach",
    "bay",
    "harbour",
    "harbor",
    "port",
    "airport",
    "park",
    "chapel",
    "church",
    "temple",
    "mosque",
    "sur",
    "goes",
    "bat",
    "wedding",
    "colon",
    "batman",
    "nato",
    "opposition",
    "imperial",
];

/// Words that may stand between a country and a place it frames:
/// "Kazakh capital Astana", "the Syrian city of Aleppo".
const FRAME_NOUNS: &[&str] = &[
    "capital",
    "city",
    "town",
    "village",
    "port",
    "province",
    "region",
    "state",
    "county",
    "district",
    "governorate",
    "enclave",
    "stronghold",
    "border",
    "resort",
    "suburb",
];
const FRAME_FILLERS: &[&str] = &[
    "of",
    "the",
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
    "north",
    "south",
    "east",
    "west",
    "coastal",
    "restive",
    "besieged",
    "key",
    "strategic",
    "second",
    "largest",
    "biggest",
    "commercial",
    "rebel",
    "held",
    "industrial",
    "ancient",
    "border",
    "port",
];

/// Words that make a country name a part of it: "northern Syria".
const DIRECTIONS: &[&str] = &[
    "north",
    "south",
    "east",
    "west",
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "northeastern",
    "northwestern",
    "southeastern",
    "southwestern",
    "north eastern",
    "north western",
    "south eastern",
    "south western",
    "north east",
    "north west",
    "south east",
    "south west",
];

/// Capitalised words that may follow a place name without making it part
/// of a longer name: designators ("Nyanza Province") and the heads of
/// titles and offices ("Texas Governor", "US President").
const AFTER_NAME: &[&str] = &[
    "province",
    "region",
    "state",
    "city",
    "governorate",
    "district",
    "prefecture",
    "oblast",
    "municipality",
    "governor",
    "mayor",
    "president",
    "prime",
    "premier",
    "minister",
    "ministry",
    "department",
    "police",
    "army",
    "government",
    "health",
    "secretary",
    "senator",
    "senate",
    "parliament",
    "foreign",
    "defence",
    "defense",
    "interior",
    "navy",
    "coast",
    "border",
    "officials",
    "authorities",
    "forces",
    "troops",
    "embassy",
    "ambassador",
    "consulate",
];

/// Is the match `toks[a..b]` a piece of a longer capitalised name ("Plum"
/// in "Plum Island", "Midlands" in "West Midlands")? Then it is not this
/// place.
fn part_of_longer_name(
    doc: &Document,
    toks: &[dyad_document::Token],
    a: usize,
    b: usize,
    country: bool,
) -> bool {
    let cap = |t: &dyad_document::Token| {
        let w = doc.slice(t.span);
        is_upper_start(w)
            && w.chars()
                .all(|c| c.is_alphabetic() || c == '.' || c == '\'')
    };
    if let Some(next) = toks.get(b).filter(|_| !country) {
        let w = doc.slice(next.span).to_lowercase();
        if cap(next)
            && matches!(next.tag, "NNP" | "NNPS")
            && !AFTER_NAME.contains(&w.as_str())
            && !DIRECTIONS.contains(&w.as_str())
        {
            return true;
        }
    }
    if a > 0 {
        let prev = &toks[a - 1];
        let w = doc.slice(prev.span).to_lowercase();
        if dyad_document::names::TITLES.contains(&w.trim_end_matches('.')) {
            return true;
        }
        if cap(prev)
            && matches!(prev.tag, "NNP" | "NNPS")
            && !dyad_document::calendar::is_month_or_weekday(&w)
        {
            return true;
        }
    }
    false
}

/// Prepositions before a place that say the name is a place ("in X").
const LOCATIVE_BEFORE: &[&str] = &[
    "in", "at", "near", "from", "to", "outside", "inside", "of", "around", "into", "across",
];

/// Head words of organisations' names: a place before them ("Ohio
/// Department of Health", "Texas National Guard") or after "<head> of"
/// ("University of Kentucky") is where the organisation is.
const ORG_HEADS: &[&str] = &[
    "department",
    "police",
    "guard",
    "university",
    "college",
    "school",
    "hospital",
    "council",
    "board",
    "ministry",
    "commission",
    "agency",
    "office",
    "court",
    "bank",
    "company",
    "club",
    "church",
    "authority",
    "corporation",
    "institute",
    "party",
    "association",
    "times",
    "post",
    "herald",
    "tribune",
    "airlines",
    "airways",
    "railway",
    "railways",
    "federation",
    "league",
    "museum",
    "library",
    "foundation",
    "committee",
    "legislature",
    "assembly",
    "senate",
    "sheriff's",
    "patrol",
    "service",
    "services",
    "bureau",
    "fire",
    "clinic",
    "center",
    "centre",
    "academy",
    "symphony",
    "orchestra",
    "chamber",
    "inc",
    "corp",
    "ltd",
];

/// Generic words that continue a place's name ("X Island", "X Valley").
const GEOGRAPHIC: &[&str] = &[
    "island",
    "islands",
    "lake",
    "lakes",
    "river",
    "mountain",
    "mountains",
    "valley",
    "bay",
    "beach",
    "creek",
    "hill",
    "hills",
    "park",
    "springs",
    "falls",
    "heights",
    "point",
    "harbor",
    "harbour",
    "forest",
    "canyon",
    "peninsula",
    "coast",
    "gulf",
    "sea",
    "strait",
    "desert",
];

/// Is `toks[a..b]` inside an organisation's name: followed by a run of
/// capitalised words (with "of", "and", "for") holding an organisation's
/// head word, or after "<Head> of"?
fn org_name_around(doc: &Document, toks: &[dyad_document::Token], a: usize, b: usize) -> bool {
    let word = |i: usize| doc.slice(toks[i].span).to_lowercase();
    let cap = |i: usize| is_upper_start(doc.slice(toks[i].span));
    // "Plum Island Animal Disease Center": the place is "Plum Island",
    // which the gazetteer lacks, not "Plum".
    if b < toks.len() && GEOGRAPHIC.contains(&word(b).as_str()) {
        return false;
    }
    let mut k = b;
    while k < toks.len() && k < b + 6 {
        let w = word(k);
        if cap(k) {
            if ORG_HEADS.contains(&w.trim_end_matches('.')) {
                return true;
            }
        } else if !matches!(w.as_str(), "of" | "and" | "for" | "&" | "'s") {
            break;
        }
        k += 1;
    }
    if a >= 2 && word(a - 1) == "of" {
        let mut k = a - 1;
        while k > 0 && (cap(k - 1) || word(k - 1) == "the") {
            if ORG_HEADS.contains(&word(k - 1).as_str()) && cap(k - 1) {
                return true;
            }
            k -= 1;
        }
    }
    false
}

/// Verbs of saying: a bare name before one is a person ("Franklin said").
const SPEECH: &[&str] = &[
    "said",
    "says",
    "told",
    "tells",
    "added",
    "adds",
    "stated",
    "explained",
    "noted",
    "wrote",
    "argued",
    "asked",
    "replied",
    "insisted",
    "warned",
];

/// Words that say a name is a second-level region's ("Cass County").
const DESIGNATORS: &[&str] = &[
    "county",
    "parish",
    "borough",
    "district",
    "shire",
    "municipality",
    "prefecture",
];

fn has_designator(name: &str) -> bool {
    name.split([' ', '-'])
        .any(|w| DESIGNATORS.contains(&w.to_lowercase().as_str()))
}

fn is_upper_start(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_uppercase())
}

fn caps_ok(s: &str) -> bool {
    s.chars()
        .filter(|c| c.is_alphabetic())
        .all(|c| c.is_uppercase())
}

impl<'g> Places<'g> {
    pub fn new(g: &'g Gazetteer) -> Self {
        Places { g }
    }

    /// Finds and resolves the places of a tagged, parsed document whose
    /// actor mentions are known (replacing any places there were).
    pub fn recognise(&self, doc: &mut Document) {
        let cands = self.find(doc);
        doc.places = self.resolve(doc, cands);
    }

    /// Place mentions in text order, with their senses.
    fn find(&self, doc: &Document) -> Vec<Cand> {
        // Places inside people's names are part of those names ("Paris
        // Hilton"); inside organisations' and outlets' names ("Turkish
        // Airlines") they are where the organisation is (`in_name`).
        let spans = |kinds: &[MentionKind]| -> SpanIndex {
            SpanIndex::new(
                doc.mentions
                    .iter()
                    .filter(|m| kinds.contains(&m.kind))
                    .map(|m| m.span),
            )
        };
        // Only the name part of a person's mention: in "California Governor
        // Jane Roe" the title before the name still names a place.
        let people = SpanIndex::new(
            doc.mentions
                .iter()
                .filter(|m| m.kind == MentionKind::Person)
                .map(|m| {
                    let text = doc.slice(m.span);
                    match m.role.as_deref() {
                        Some(role) if text.len() > role.len() && text.starts_with(role) => {
                            Span::new(m.span.start + role.len(), m.span.end)
                        }
                        _ => m.span,
                    }
                }),
        );
        let known = Known {
            people,
            capitals: spans(&[MentionKind::Capital]),
        };
        let orgs = spans(&[MentionKind::Org, MentionKind::Outlet]);
        let overlaps = |s: Span| known.people.overlaps(s);
        let in_org = |s: Span| orgs.overlaps(s);
        let mut out = Vec::new();
        let mut key = String::new();
        let datelines = dyad_document::dateline::datelines(doc);
        for (si, sent) in doc.sentences.iter().enumerate() {
            let toks = &doc.tokens[sent.first_token..sent.last_token];
            let mut i = 0;
            if let Some(&(a, b)) = datelines.iter().find(|d| d.0 == sent.first_token) {
                if let Some(c) = self.dateline_cand(doc, si, a, b, &overlaps) {
                    i = c.last - sent.first_token;
                    out.push(c);
                }
            }
            while i < toks.len() {
                let first = doc.slice(toks[i].span);
                if !is_upper_start(first) {
                    i += 1;
                    continue;
                }
                let mut found = None;
                let most = self.g.max_words.min(toks.len() - i);
                for n in (1..=most).rev() {
                    let last = &toks[i + n - 1];
                    let span = Span::new(toks[i].span.start, last.span.end);
                    let text = doc.slice(span);
                    // Names do not run across sentence punctuation, nor end
                    // in it ("BRUSSELS —").
                    if n > 1 && text.contains([',', ';', ':', '(', ')', '"', '\n']) {
                        continue;
                    }
                    if !doc.slice(last.span).chars().any(char::is_alphanumeric) {
                        continue;
                    }
                    normalise(text, &mut key);
                    let Some((ok, in_name)) = self.accept(doc, toks, i, n, &key, &known) else {
                        continue;
                    };
                    let in_name = in_name || in_org(span);
                    found = Some(Cand {
                        in_name,
                        locative: i > 0
                            && LOCATIVE_BEFORE
                                .contains(&doc.slice(toks[i - 1].span).to_lowercase().as_str()),
                        ..Cand::new(
                            span,
                            (sent.first_token + i, sent.first_token + i + n),
                            &key,
                            ok,
                            si,
                        )
                    });
                    break;
                }
                match found {
                    Some(c) => {
                        i += c.last - c.first;
                        out.push(c);
                    }
                    None => {
                        // "Minneapolis-St. Paul", "Dallas-Fort Worth": twin
                        // places joined by a hyphen inside one token.
                        let twins = self.hyphen_twins(doc, toks, i, si, sent.first_token);
                        let next = twins.iter().map(|c| c.last - sent.first_token).max();
                        i = next.unwrap_or(i + 1).max(i + 1);
                        out.extend(twins);
                    }
                }
            }
        }
        self.county_lists(doc, &mut out);
        for c in &mut out {
            self.direction(doc, c);
        }
        out
    }

    /// "Cass, Clay and Otter Tail counties": each name of a list before a
    /// plural designator is that region ("Cass County"), in place of any
    /// other reading of the name alone.
    fn county_lists(&self, doc: &Document, out: &mut Vec<Cand>) {
        let mut key = String::new();
        for (si, sent) in doc.sentences.iter().enumerate() {
            for d in sent.first_token..sent.last_token {
                let w = doc.slice(doc.tokens[d].span).to_lowercase();
                let singular = match w.as_str() {
                    "counties" => "county",
                    "parishes" => "parish",
                    "boroughs" => "borough",
                    "districts" => "district",
                    _ => continue,
                };
                // Walk back over names and separators.
                let mut end = d;
                let mut found = Vec::new();
                while end > sent.first_token {
                    let mut start = end;
                    while start > sent.first_token
                        && is_upper_start(doc.slice(doc.tokens[start - 1].span))
                    {
                        start -= 1;
                    }
                    if start == end {
                        break;
                    }
                    let span =
                        Span::new(doc.tokens[start].span.start, doc.tokens[end - 1].span.end);
                    normalise(&format!("{} {singular}", doc.slice(span)), &mut key);
                    let senses: Vec<Sense> = self
                        .g
                        .senses(&key)
                        .into_iter()
                        .filter(|s| self.g.entry(s.entry).feature == PlaceFeature::Admin2)
                        .collect();
                    if senses.is_empty() {
                        break;
                    }
                    found.push(Cand {
                        prefer: Some(PlaceFeature::Admin2),
                        locative: true,
                        ..Cand::new(span, (start, end), &key, senses, si)
                    });
                    // Separators: ",", "and", "or", ", and".
                    let mut k = start;
                    while k > sent.first_token
                        && matches!(doc.slice(doc.tokens[k - 1].span), "," | "and" | "or" | "&")
                    {
                        k -= 1;
                    }
                    if k == start {
                        break;
                    }
                    end = k;
                }
                for c in found {
                    out.retain(|o| !(o.first < c.last && c.first < o.last));
                    let at = out.partition_point(|o| o.first < c.first);
                    out.insert(at, c);
                }
            }
        }
    }

    /// The places in a token "A-B" (with B's name going on into the next
    /// token: "Dallas-Fort" + "Worth") when both sides are capitalised.
    fn hyphen_twins(
        &self,
        doc: &Document,
        toks: &[dyad_document::Token],
        i: usize,
        si: usize,
        base: usize,
    ) -> Vec<Cand> {
        let t = toks[i].span;
        let w = doc.slice(t);
        let Some(h) = w.find('-') else {
            return Vec::new();
        };
        let (left, right) = (&w[..h], &w[h + 1..]);
        if !is_upper_start(left) || !is_upper_start(right) {
            return Vec::new();
        }
        let mut out = Vec::new();
        let mut key = String::new();
        let pick = |key: &str| -> Vec<Sense> {
            self.g
                .senses(key)
                .into_iter()
                .filter(|s| s.kind != NameKind::Adjective && !self.minor(s.entry))
                .collect()
        };
        normalise(left, &mut key);
        let senses = pick(&key);
        if !senses.is_empty() {
            out.push(Cand::new(
                Span::new(t.start, t.start + h),
                (base + i, base + i + 1),
                &key,
                senses,
                si,
            ));
        }
        // The right side, alone or with the next capitalised token.
        for n in [2usize, 1] {
            let Some(end) = toks.get(i + n - 1) else {
                continue;
            };
            if n == 2 && !is_upper_start(doc.slice(end.span)) {
                continue;
            }
            let span = Span::new(t.start + h + 1, end.span.end);
            normalise(doc.slice(span), &mut key);
            let senses = pick(&key);
            if !senses.is_empty() {
                out.push(Cand::new(span, (base + i, base + i + n), &key, senses, si));
                break;
            }
        }
        out
    }

    /// The place a dateline's capitals name (document tokens `[a, b)`):
    /// the longest leading run of them the gazetteer knows.
    fn dateline_cand(
        &self,
        doc: &Document,
        si: usize,
        a: usize,
        b: usize,
        overlaps: &dyn Fn(Span) -> bool,
    ) -> Option<Cand> {
        let mut key = String::new();
        for end in (a + 1..=b).rev() {
            let span = Span::new(doc.tokens[a].span.start, doc.tokens[end - 1].span.end);
            normalise(doc.slice(span).trim_end_matches('.'), &mut key);
            let senses: Vec<Sense> = self
                .g
                .senses(&key)
                .into_iter()
                .filter(|s| s.kind != NameKind::Adjective && !s.needs_the)
                .collect();
            if senses.is_empty() || overlaps(span) {
                continue;
            }
            return Some(Cand {
                locative: true,
                dateline: true,
                ..Cand::new(span, (a, end), &key, senses, si)
            });
        }
        None
    }

    /// The senses a gazetteer name `key` keeps as a place where it stands,
    /// `toks[i..i + n]` of a sentence; `None` when it is not a place there.
    fn accept(
        &self,
        doc: &Document,
        toks: &[dyad_document::Token],
        i: usize,
        n: usize,
        key: &str,
        known: &Known,
    ) -> Option<(Vec<Sense>, bool)> {
        let overlaps = |s: Span| known.people.overlaps(s);
        let span = Span::new(toks[i].span.start, toks[i + n - 1].span.end);
        let text = doc.slice(span);
        let senses = self.g.senses(key);
        if senses.is_empty() {
            return None;
        }
        let prev = (i > 0).then(|| doc.slice(toks[i - 1].span).to_lowercase());
        // An abbreviation ("Ky.", "NSW", "OH") is read with its full stop,
        // after "Town,", or when it is three or more capitals.
        let stop_after = text.ends_with('.')
            || toks
                .get(i + n)
                .is_some_and(|t| t.span.start == span.end && doc.slice(t.span) == ".");
        let abbreviation_ok = stop_after
            || prev.as_deref() == Some(",")
            || (caps_ok(text) && text.chars().filter(|c| c.is_alphabetic()).count() >= 3);
        let ok: Vec<Sense> = senses
            .iter()
            .filter(|s| !s.caps || caps_ok(text))
            .filter(|s| !s.needs_the || prev.as_deref() == Some("the"))
            .filter(|s| s.kind != NameKind::Abbreviation || abbreviation_ok)
            .copied()
            .collect();
        if ok.is_empty() || overlaps(span) {
            return None;
        }
        // "Muncie, IN": a postal code after "Town," whatever its tag.
        let postal =
            prev.as_deref() == Some(",") && ok.iter().all(|s| s.kind == NameKind::Abbreviation);
        if !postal && !self.looks_like_name(doc, &toks[i..i + n], i == 0, &ok, key) {
            return None;
        }
        // A country premodifies organisations freely ("U.S. Centers
        // for Disease Control"); other places do not.
        let country = ok
            .iter()
            .any(|s| self.g.entry(s.entry).feature == PlaceFeature::Country);
        // Inside an organisation's name ("Texas National Guard",
        // "University of Ohio"): kept, as where the organisation is.
        let in_name = org_name_around(doc, toks, i, i + n);
        if !in_name && part_of_longer_name(doc, toks, i, i + n, country) {
            return None;
        }
        // "Franklin said": a bare town name before a verb of
        // saying is a person (a country there is a government).
        let town = ok
            .iter()
            .all(|s| self.g.entry(s.entry).feature == PlaceFeature::City);
        let next = toks.get(i + n).map(|t| doc.slice(t.span));
        if n == 1 && town && next.is_some_and(|w| SPEECH.contains(&w)) {
            return None;
        }
        // The recogniser read it as a seat of government
        // ("the White House"): another country's place of that
        // name by an alternate name only (Casablanca) goes.
        let seat = known.capitals.overlapping(span).min().and_then(|k| {
            doc.mentions
                .iter()
                .filter(|m| m.kind == MentionKind::Capital)
                .nth(k)
        });
        let ok: Vec<Sense> = match seat.and_then(|m| m.code.as_deref()) {
            Some(code) => {
                let cc = code
                    .get(..3)
                    .and_then(|x| self.g.country_by_iso3(x))
                    .map(|id| self.g.entry(id).country);
                ok.into_iter()
                    .filter(|s| {
                        s.kind != NameKind::Alternate || Some(self.g.entry(s.entry).country) == cc
                    })
                    .collect()
            }
            None => ok,
        };
        if ok.is_empty() {
            return None;
        }
        Some((ok, in_name))
    }

    /// Is this run of tokens written and tagged like a place name?
    fn looks_like_name(
        &self,
        doc: &Document,
        toks: &[dyad_document::Token],
        sentence_start: bool,
        senses: &[Sense],
        key: &str,
    ) -> bool {
        for (k, t) in toks.iter().enumerate() {
            let w = doc.slice(t.span);
            // Short lower-case words inside a name are particles ("Dar es
            // Salaam"); the name itself must be in the gazetteer anyway.
            let inner = k > 0 && k + 1 < toks.len() && w.chars().count() <= 3;
            if w.chars().next().is_some_and(|c| c.is_alphabetic())
                && !is_upper_start(w)
                && !inner
                && !CONNECTORS.contains(&w.to_lowercase().as_str())
            {
                return false;
            }
        }
        let adjective = senses.iter().all(|s| s.kind == NameKind::Adjective);
        if toks.len() == 1 {
            if STOP.contains(&key) || dyad_document::calendar::is_month_or_weekday(key) {
                return false;
            }
            let tag = toks[0].tag;
            let ok = match tag {
                "NNP" | "NNPS" | "" => true,
                "JJ" => adjective || !sentence_start,
                "NN" | "NNS" | "FW" => !sentence_start && !adjective,
                _ => false,
            };
            if !ok {
                return false;
            }
            // A lone all-capital word may be an acronym of something else
            // unless the gazetteer writes it so ("UK", "NSW").
            let w = doc.slice(toks[0].span);
            if w.len() > 1 && caps_ok(w) && !senses.iter().any(|s| s.caps) {
                return false;
            }
        }
        true
    }

    /// "northern Syria": a direction before a country name.
    fn direction(&self, doc: &Document, c: &mut Cand) {
        let country_name = c.senses.iter().any(|s| {
            s.kind != NameKind::Adjective && self.g.entry(s.entry).feature == PlaceFeature::Country
        });
        if !country_name || c.first == 0 {
            return;
        }
        let at = doc.sentences.partition_point(|s| s.last_token <= c.first);
        let sent = doc
            .sentences
            .get(at)
            .filter(|s| s.first_token <= c.first && c.first < s.last_token);
        let Some(sent) = sent else { return };
        // "north-western" may be one token or three ("north", "-", "western").
        for back in [3usize, 1] {
            if c.first < sent.first_token + back {
                continue;
            }
            let s = doc.tokens[c.first - back].span.start;
            let text = &doc.text[s..doc.tokens[c.first - 1].span.end];
            let mut k = String::new();
            normalise(text, &mut k);
            if DIRECTIONS.contains(&k.as_str()) {
                c.span = Span::new(s, c.span.end);
                c.first -= back;
                c.direction = Some(text.to_lowercase());
                c.senses.retain(|s| {
                    s.kind != NameKind::Adjective
                        && self.g.entry(s.entry).feature == PlaceFeature::Country
                });
                return;
            }
        }
    }

    /// A reading that needs the document's support: a town of fewer than
    /// 15,000 people, or an admin2 named without its designator.
    fn minor(&self, id: u32) -> bool {
        let e = self.g.entry(id);
        match e.feature {
            PlaceFeature::City => e.population < 15_000,
            PlaceFeature::Admin2 => !has_designator(e.name),
            _ => false,
        }
    }

    /// Prior of an entry: how likely a name means it with no context.
    fn prior(&self, s: &Sense) -> f64 {
        let e = self.g.entry(s.entry);
        let base = match e.feature {
            PlaceFeature::Country => 8.5,
            PlaceFeature::Admin1 => 6.0,
            // The regions dyad lists are the ones news names: they win
            // over a district that shares the name ("the Sahel").
            PlaceFeature::Region => 9.0,
            // A town below 15,000 people is rarely what a name means
            // without context: a small discount beyond its size.
            PlaceFeature::City if e.population < 15_000 => {
                (e.population.max(1000) as f64).log10() - 0.5
            }
            PlaceFeature::City => (e.population as f64).log10(),
            // "Franklin County" says what it is; a bare admin2 name
            // ("Wiltshire") is often a town's too, and the town is meant.
            PlaceFeature::Admin2 if has_designator(e.name) => 7.0,
            PlaceFeature::Admin2 => 3.5,
        };
        base - match s.kind {
            NameKind::Primary | NameKind::Adjective | NameKind::Abbreviation => 0.0,
            NameKind::Alternate => 1.5,
        }
    }

    /// Does an entry fit a frame entry (same country; inside it when the
    /// frame is a region)?
    fn fits(&self, entry: u32, frame: u32) -> bool {
        let (e, f) = (self.g.entry(entry), self.g.entry(frame));
        if e.country != f.country || e.country.is_empty() {
            return false;
        }
        match f.feature {
            PlaceFeature::Admin1 => {
                e.admin1 == f.name || distance_km(e.lat, e.lon, f.lat, f.lon) < 250.0
            }
            _ => true,
        }
    }

    /// Explicit frames: "<country or region> capital|city|... <place>" and
    /// "<place>, <country or region>" / "<place> in <country or region>".
    fn frames(&self, doc: &Document, cands: &mut [Cand]) {
        let framer = |c: &Cand| -> Option<u32> {
            c.senses
                .iter()
                .filter(|s| {
                    matches!(
                        self.g.entry(s.entry).feature,
                        PlaceFeature::Country | PlaceFeature::Admin1
                    )
                })
                .max_by(|a, b| self.prior(a).total_cmp(&self.prior(b)))
                .map(|s| s.entry)
        };
        let word = |i: usize| doc.slice(doc.tokens[i].span).to_lowercase();
        for c in cands.iter_mut() {
            let before: Vec<String> = (c.first.saturating_sub(2)..c.first).map(word).collect();
            let after = (c.last < doc.tokens.len()).then(|| word(c.last));
            let noun = match before.as_slice() {
                [.., n, of] if of == "of" => Some(n.as_str()),
                [.., n] => Some(n.as_str()),
                _ => None,
            };
            c.prefer = match (noun, after.as_deref()) {
                (_, Some("province" | "region" | "state" | "governorate" | "prefecture")) => {
                    Some(PlaceFeature::Admin1)
                }
                // A region's offices ("Ohio Governor", "Queensland Premier")
                // and a city's ("Leeds mayor").
                (_, Some("governor" | "premier" | "legislature" | "statehouse")) => {
                    Some(PlaceFeature::Admin1)
                }
                (_, Some("city" | "mayor")) => Some(PlaceFeature::City),
                (Some("city" | "town" | "village" | "port" | "capital"), _) => {
                    Some(PlaceFeature::City)
                }
                (Some("province" | "region" | "state" | "governorate" | "prefecture"), _) => {
                    Some(PlaceFeature::Admin1)
                }
                _ => None,
            };
        }
        for k in 1..cands.len() {
            let (a, b) = (&cands[k - 1], &cands[k]);
            if b.direction.is_some() {
                continue;
            }
            // "Kazakh capital Astana": only frame words between, one a noun.
            let between: Vec<String> = (a.last..b.first).map(word).collect();
            if !between.is_empty()
                && between.len() <= 5
                && between.iter().any(|w| FRAME_NOUNS.contains(&w.as_str()))
                && between.iter().all(|w| {
                    FRAME_NOUNS.contains(&w.as_str())
                        || FRAME_FILLERS.contains(&w.as_str())
                        || w == "-"
                })
            {
                if let Some(f) = framer(a) {
                    cands[k].frame = Some(f);
                    continue;
                }
            }
            // "Paris, Texas", "Aleppo in Syria".
            if between.len() == 1 && (between[0] == "," || between[0] == "in") {
                if let Some(f) = framer(b) {
                    if a.senses
                        .iter()
                        .any(|s| s.entry != f && self.fits(s.entry, f))
                    {
                        cands[k - 1].frame = Some(f);
                        // ... and the framing name is the region itself
                        // ("Buffalo, New York" names the state).
                        cands[k].prefer = Some(self.g.entry(f).feature);
                    }
                }
            }
        }
    }

    fn resolve(&self, doc: &Document, mut cands: Vec<Cand>) -> Vec<Place> {
        self.frames(doc, &mut cands);
        let frame_bonus = |c: &Cand, s: &Sense| -> f64 {
            let framed = match c.frame {
                Some(f) if self.fits(s.entry, f) => 6.0,
                _ => 0.0,
            };
            let preferred = match c.prefer {
                Some(f) if self.g.entry(s.entry).feature == f => 2.0,
                _ => 0.0,
            };
            framed + preferred
        };
        // Pass 1: prior and frame only. A small town's reading votes for
        // nothing (a village abroad sharing a word's name is no evidence).
        let first: Vec<u32> = cands
            .iter()
            .map(|c| {
                best(&c.senses, |s| self.prior(s) + frame_bonus(c, s))
                    .filter(|s| !self.minor(s.entry) || c.frame.is_some())
                    .map_or(u32::MAX, |s| s.entry)
            })
            .collect();
        // The countries the actors belong to (codes begin with ISO alpha-3).
        // Actor mentions that are these very place mentions ("Georgia" as a
        // country actor) would vote for their own first reading: left out.
        let cand_spans = SpanIndex::new(cands.iter().map(|c| c.span));
        let mention_spans = SpanIndex::new(doc.mentions.iter().map(|m| m.span));
        let mut actor_cc: FxHashMap<&str, usize> = FxHashMap::default();
        for m in &doc.mentions {
            // Anonymous role phrases take the document's focus country from
            // the recogniser: an echo of other mentions, not evidence.
            if m.anonymous {
                continue;
            }
            if cand_spans.overlaps(m.span) {
                continue;
            }
            if let Some(code) = &m.code {
                if let Some(id) = code.get(..3).and_then(|c| self.g.country_by_iso3(c)) {
                    *actor_cc.entry(self.g.entry(id).country).or_default() += 1;
                }
            }
        }
        // The first dateline's place anchors the article's places: the
        // region it is framed by ("MANSFIELD, Ohio"), else its own reading.
        let dateline: Option<crate::gazetteer::Entry> =
            cands.iter().position(|c| c.dateline).and_then(|k| {
                let c = &cands[k];
                let id = match c.frame {
                    Some(f) => Some(f),
                    None => best(&c.senses, |s| self.prior(s)).map(|s| s.entry),
                };
                id.map(|id| self.g.entry(id))
            });
        // The outlet's home region: the weakest anchor, when no dateline.
        let home = doc
            .url
            .as_deref()
            .filter(|_| dateline.is_none())
            .and_then(|u| crate::home::home(self.g, u));
        // Countries whose governments act in the document (an actor coded
        // for a role of that country: USAGOV, USALEG).
        let government: Vec<&str> = doc
            .mentions
            .iter()
            .filter(|m| !m.anonymous || m.kind == MentionKind::Agent)
            .filter_map(|m| m.code.as_deref())
            .filter(|code| code.len() >= 6 && ["GOV", "LEG", "JUD"].contains(&&code[3..6]))
            .filter_map(|code| self.g.country_by_iso3(&code[..3]))
            .map(|id| self.g.entry(id).country)
            .collect();
        // The features of the first readings of list neighbours.
        let listed: Vec<Vec<PlaceFeature>> = (0..cands.len())
            .map(|k| {
                let mut out = Vec::new();
                for j in [k.wrapping_sub(1), k + 1] {
                    let Some(o) = cands.get(j) else { continue };
                    let (a, b) = if j < k {
                        (o, &cands[k])
                    } else {
                        (&cands[k], o)
                    };
                    let between: Vec<&str> = (a.last..b.first)
                        .map(|i| doc.slice(doc.tokens[i].span))
                        .collect();
                    let list = matches!(
                        between.as_slice(),
                        [","] | ["and"] | ["or"] | [",", "and"] | [",", "or"]
                    );
                    if list && first[j] != u32::MAX {
                        out.push(self.g.entry(first[j]).feature);
                    }
                }
                out
            })
            .collect();
        // What the other mentions' first readings say, gathered once: by
        // country (all, and per name, to leave a name's own out), and by
        // distinct (name, reading) with the sentences it is in. Asking this
        // of every mention in turn would be quadratic in a long document.
        let mut by_country: FxHashMap<&str, usize> = FxHashMap::default();
        let mut by_key_country: FxHashMap<(&str, &str), usize> = FxHashMap::default();
        let mut groups: FxHashMap<(&str, u32), Vec<usize>> = FxHashMap::default();
        for (j, o) in cands.iter().enumerate() {
            if first[j] == u32::MAX {
                continue;
            }
            let cc = self.g.entry(first[j]).country;
            *by_country.entry(cc).or_default() += 1;
            *by_key_country.entry((o.key.as_str(), cc)).or_default() += 1;
            groups
                .entry((o.key.as_str(), first[j]))
                .or_default()
                .push(o.sent);
        }
        let mut groups: Vec<((&str, u32), Vec<usize>)> = groups.into_iter().collect();
        groups.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let others_in = |key: &str, cc: &str| {
            by_country.get(cc).copied().unwrap_or(0)
                - by_key_country.get(&(key, cc)).copied().unwrap_or(0)
        };
        // Pass 2: with the context of the other mentions' first readings.
        let mut scores: FxHashMap<(&str, u32), f64> = FxHashMap::default();
        for (k, c) in cands.iter().enumerate() {
            for s in &c.senses {
                let e = self.g.entry(s.entry);
                let mut score = self.prior(s) + frame_bonus(c, s);
                // A region named after its city ("Seoul", "Aleppo") is the
                // city unless the text says province or region.
                if e.feature == PlaceFeature::Admin1 && c.prefer != Some(PlaceFeature::Admin1) {
                    let city_in_it = c.senses.iter().any(|o| {
                        let x = self.g.entry(o.entry);
                        x.feature == PlaceFeature::City
                            && x.country == e.country
                            && x.admin1 == e.name
                            && distance_km(x.lat, x.lon, e.lat, e.lon) < 100.0
                    });
                    if city_in_it {
                        score -= 1.5;
                    }
                }
                // So is a district or shire named after its town ("Lismore").
                if e.feature == PlaceFeature::Admin2 && !has_designator(e.name) {
                    let city_in_it = c.senses.iter().any(|o| {
                        let x = self.g.entry(o.entry);
                        x.feature == PlaceFeature::City
                            && x.country == e.country
                            && (x.admin2 == e.name
                                || distance_km(x.lat, x.lon, e.lat, e.lon) < 100.0)
                    });
                    if city_in_it {
                        score -= 3.0;
                    }
                }
                if !e.country.is_empty() {
                    let others = others_in(&c.key, e.country);
                    let n = others + actor_cc.get(e.country).copied().unwrap_or(0);
                    if n > 0 {
                        score += 2.0 + if n >= 3 { 0.5 } else { 0.0 };
                    }
                }
                if matches!(e.feature, PlaceFeature::City | PlaceFeature::Admin2) {
                    // The region it lies in, named in the document (more
                    // so in the same sentence), or a place near it.
                    // Each kind of evidence counts once, and together
                    // they count at most 2 (a namesake far bigger still
                    // wins), beside the dateline's.
                    let (mut region, mut nearby, mut filed) = (0.0f64, 0.0f64, 0.0);
                    let mut home_country = false;
                    let mut anchored = false;
                    for ((key, fid), sents) in &groups {
                        if *key == c.key.as_str() {
                            continue;
                        }
                        let f = self.g.entry(*fid);
                        if f.country != e.country {
                            continue;
                        }
                        let here = if sents.contains(&c.sent) { 0.5 } else { 0.0 };
                        let inside = match f.feature {
                            PlaceFeature::Admin1 => e.admin1 == f.name,
                            PlaceFeature::Admin2 => {
                                e.feature == PlaceFeature::City && e.admin2 == f.name
                            }
                            _ => false,
                        };
                        if inside {
                            region = region.max(1.5 + here);
                            anchored = true;
                        } else if f.feature != PlaceFeature::Country
                            && distance_km(e.lat, e.lon, f.lat, f.lon) < 150.0
                        {
                            nearby = nearby.max(1.0 + here);
                            anchored = true;
                        }
                    }
                    if let Some(a) = dateline.filter(|_| !c.dateline) {
                        let same = match a.feature {
                            PlaceFeature::Admin1 => a.name == e.admin1,
                            PlaceFeature::Country => true,
                            _ => {
                                a.admin1 == e.admin1
                                    || distance_km(e.lat, e.lon, a.lat, a.lon) < 150.0
                            }
                        };
                        if a.country == e.country && same {
                            filed = 1.5;
                            anchored = true;
                        }
                    }
                    if let Some(h) = &home {
                        if h.country == e.country {
                            if !h.admin1.is_empty() && h.admin1 == e.admin1 {
                                filed = 1.0;
                                anchored = true;
                            }
                            // A national outlet's country counts as named.
                            home_country = true;
                        }
                    }
                    // A town named like a state or country ("Florida",
                    // N.Y.) is that town only when the text frames it so.
                    let shares_region_name = c.senses.iter().any(|o| {
                        matches!(
                            self.g.entry(o.entry).feature,
                            PlaceFeature::Country | PlaceFeature::Admin1
                        )
                    });
                    score += if shares_region_name {
                        (region + nearby + filed).min(1.0)
                    } else {
                        (region + nearby).min(2.0) + filed
                    };
                    // A small town needs the document to agree: its region
                    // or a place near it named, an explicit frame, or its
                    // country named and a locative word before it.
                    if self.minor(s.entry) && !anchored && frame_bonus(c, s) < 6.0 {
                        let country_named = home_country
                            || actor_cc.contains_key(e.country)
                            || others_in(&c.key, e.country) > 0;
                        // A name no other country shares is not ambiguous.
                        let unique = c
                            .senses
                            .iter()
                            .all(|o| self.g.entry(o.entry).country == e.country);
                        if !(country_named && (c.locative || unique)) {
                            score -= 100.0;
                        }
                    }
                }
                // A seat of government in a political story ("lawmakers in
                // Washington"): the city, not a region of the same name.
                let names_country = c
                    .senses
                    .iter()
                    .any(|o| self.g.entry(o.entry).feature == PlaceFeature::Country);
                let names_region = c.senses.iter().any(|o| {
                    let x = self.g.entry(o.entry);
                    x.feature == PlaceFeature::Admin1
                        && x.country == e.country
                        && distance_km(x.lat, x.lon, e.lat, e.lon) > 100.0
                });
                if e.seat && s.kind == NameKind::Primary && !names_country && names_region {
                    let seat_mention = mention_spans
                        .overlapping(c.span)
                        .any(|i| doc.mentions[i].kind == MentionKind::Capital);
                    if seat_mention || government.contains(&e.country) {
                        score += 2.0;
                    }
                }
                // Names in a list are of a kind: "Ohio, Oregon and Utah" are
                // states, "Mali, Niger and Chad" countries.
                if listed[k].contains(&e.feature) {
                    score += 1.5;
                }
                *scores.entry((c.key.as_str(), s.entry)).or_default() += score;
            }
        }
        // One reading per name in a document: the best summed over its
        // mentions, so one framed mention settles the others.
        let mut out = Vec::with_capacity(cands.len());
        for c in &cands {
            let Some(s) = best(&c.senses, |s| scores[&(c.key.as_str(), s.entry)]) else {
                continue;
            };
            // Only unsupported small towns were left: not a place here.
            if scores[&(c.key.as_str(), s.entry)] < -50.0 {
                continue;
            }
            let e = self.g.entry(s.entry);
            // A capital the recogniser read as its government, or a city
            // heading a government phrase ("Moscow's officials").
            let metonym = mention_spans.overlapping(c.span).any(|i| {
                let m = &doc.mentions[i];
                // ... of the country the recogniser meant (not "Paris" read as
                // Paris, Texas).
                let same_country = m
                    .code
                    .as_deref()
                    .and_then(|x| x.get(..3))
                    .and_then(|x| self.g.country_by_iso3(x))
                    .is_some_and(|id| self.g.entry(id).country == e.country);
                same_country
                    && (m.kind == MentionKind::Capital
                        || (m.kind == MentionKind::Agent
                            && e.feature == PlaceFeature::City
                            && m.span.start == c.span.start
                            && m.code.as_deref().is_some_and(|x| x.ends_with("GOV"))))
            });
            let nonempty = |s: &str| (!s.is_empty()).then(|| s.to_string());
            let place = match &c.direction {
                Some(d) => Place {
                    span: c.span,
                    name: format!("{d} {}", e.name),
                    country: nonempty(e.country),
                    admin1: None,
                    lat: e.lat,
                    lon: e.lon,
                    feature: PlaceFeature::Region,
                    metonym: false,
                    in_name: c.in_name,
                },
                None => Place {
                    span: c.span,
                    name: e.name.to_string(),
                    country: nonempty(e.country),
                    admin1: match e.feature {
                        PlaceFeature::Admin1 => Some(e.name.to_string()),
                        PlaceFeature::City | PlaceFeature::Admin2 => nonempty(e.admin1),
                        _ => None,
                    },
                    lat: e.lat,
                    lon: e.lon,
                    feature: e.feature,
                    metonym: metonym && !c.in_name,
                    in_name: c.in_name,
                },
            };
            out.push(place);
        }
        out
    }
}

/// The sense with the highest score (the first on ties: the TSV lists
/// entries in a fixed order).
fn best(senses: &[Sense], score: impl Fn(&Sense) -> f64) -> Option<&Sense> {
    let mut top: Option<(&Sense, f64)> = None;
    for s in senses {
        let v = score(s);
        if top.is_none_or(|(_, t)| v > t) {
            top = Some((s, v));
        }
    }
    top.map(|(s, _)| s)
}
