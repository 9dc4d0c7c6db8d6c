//! Quotes: `dyad eval seed` holds the floors on the sample article, and
//! `dyad code` puts the quotes and the sources summary in the contract.

mod common;
use common::{code_text, eval_seed, figure, line, shared};

#[test]
fn seed_quotes_meet_the_floors() {
    let Some(shared) = shared() else { return };
    let stdout = eval_seed(&shared);
    let line = line(&stdout, "seed-quotes:");
    assert!(figure(line, "recall=") >= 0.95, "{stdout}");
    assert!(figure(line, "speaker_acc=") >= 0.95, "{stdout}");
    assert_eq!(figure(line, "not_quotes_attributed="), 0.0, "{stdout}");
    // The actors the speakers come from are unchanged.
    assert!(
        stdout
            .contains("seed-actors: people=7/7 codes=7/7 orgs=4/4 countries=9/9 outlet_as_actor=0"),
        "{stdout}"
    );
}

#[test]
fn code_writes_quotes_and_sources() {
    let text = "Talks resume\n\n\"We are ready to sign,\" said Ines Duarte, spokeswoman for the Portuguese foreign ministry. \"The text is final.\"\n\nTwo senior Spanish officials said the deal was close.\n";
    let doc = code_text(text);
    let chars: Vec<char> = doc["text"].as_str().unwrap().chars().collect();
    let quotes = doc["quotes"].as_array().expect("quotes");
    assert_eq!(quotes.len(), 3, "{quotes:#?}");
    for q in quotes {
        let (s, e) = (q["start"].as_u64().unwrap(), q["end"].as_u64().unwrap());
        let got: String = chars[s as usize..e as usize].iter().collect();
        assert_eq!(got, q["text"].as_str().unwrap());
    }
    assert_eq!(quotes[0]["kind"], "direct");
    assert_eq!(quotes[0]["speaker"]["name"], "Ines Duarte");
    assert_eq!(quotes[0]["cue"], "said");
    assert_eq!(quotes[1]["continuation"], true);
    assert_eq!(quotes[1]["speaker"]["name"], "Ines Duarte");
    assert_eq!(quotes[2]["kind"], "indirect");
    assert_eq!(quotes[2]["speaker"]["anonymous"], true);
    assert_eq!(quotes[2]["speaker"]["count"], 2);
    assert_eq!(doc["sources"]["named"], 1);
    assert_eq!(doc["sources"]["anonymous"], 1);
}
