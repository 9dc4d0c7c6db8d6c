//! Word lists the tokenizer and sentence splitter consult.
//!
//! Kept as plain consts so that a wrong break can be fixed by editing data,
//! not code. Lookups are exact and case-sensitive (`Mr` but not `mr`), which
//! keeps ordinary words such as `no` or `mar` from turning into
//! abbreviations. The lists are short, so a linear scan is fast enough:
//! it only runs for a word directly followed by a period.

/// Whether `w` is in `list`; compares length and first byte before the
/// bytes, which makes the scan of a short list cheap.
#[inline]
pub fn in_list(list: &[&str], w: &str) -> bool {
    let first = w.as_bytes().first();
    list.iter()
        .any(|x| x.len() == w.len() && x.as_bytes().first() == first && *x == w)
}

/// Abbreviations that stand before a name (`Mr. Assad`, `Gen. Smith`,
/// `St. Petersburg`) and so essentially never end a sentence.
pub const TITLES: &[&str] = &[
    "Adm", "Amb", "Atty", "Brig", "Capt", "Cdr", "Cmdr", "Col", "Cpl", "Det", "Dr", "Drs", "Fr",
    "Ft", "Gen", "Gens", "Gov", "Govs", "Hon", "Insp", "Lt", "Maj", "Messrs", "Mmes", "Mr", "Mrs",
    "Ms", "Mt", "Pres", "Prof", "Pvt", "Rep", "Reps", "Rev", "Sen", "Sens", "Sgt", "St", "Supt",
];

/// Abbreviations that sit inside a sentence but can also end one
/// (`Apple Inc.`, `Martin Luther King Jr.`, `in Jan.`).
pub const ABBREVIATIONS: &[&str] = &[
    "Jr", "Sr", "Inc", "Ltd", "Co", "Corp", "Bros", "Plc", "al", "approx", "Dept", "Univ", "Ave",
    "Blvd", "Rd", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov",
    "Dec",
];

/// Abbreviations that introduce what follows and never end a sentence.
/// Dotted entries are compared without their final period (`e.g`).
pub const NEVER_FINAL: &[&str] = &["vs", "v", "e.g", "i.e", "cf", "viz"];

/// Abbreviations after which any capitalised word starts a new sentence
/// (`tanks, artillery etc. Russia said ...`).
pub const LIST_ENDERS: &[&str] = &["etc"];

/// `No.` is an abbreviation only before a number (`No. 10`); elsewhere it is
/// the word "no" ending a sentence.
pub const NUMBER_PREFIXES: &[&str] = &["No", "Nos", "no", "nos"];

/// Capitalised words that typically open a sentence and almost never follow
/// an abbreviation inside one. An abbreviation followed by one of these is
/// taken to end its sentence (`... in the U.S. The next day ...`).
pub const SENTENCE_STARTERS: &[&str] = &[
    "A",
    "About",
    "According",
    "After",
    "Again",
    "Against",
    "All",
    "Also",
    "Although",
    "Among",
    "An",
    "And",
    "Another",
    "Any",
    "As",
    "At",
    "Because",
    "Before",
    "Both",
    "But",
    "By",
    "Despite",
    "During",
    "Each",
    "Earlier",
    "Even",
    "Every",
    "For",
    "From",
    "He",
    "Her",
    "Here",
    "His",
    "How",
    "However",
    "I",
    "If",
    "In",
    "Instead",
    "It",
    "Its",
    "Last",
    "Later",
    "Many",
    "Meanwhile",
    "More",
    "Moreover",
    "Most",
    "My",
    "Neither",
    "No",
    "None",
    "Nor",
    "Not",
    "Now",
    "Of",
    "On",
    "One",
    "Only",
    "Or",
    "Other",
    "Others",
    "Our",
    "Over",
    "She",
    "Since",
    "So",
    "Some",
    "Still",
    "Such",
    "That",
    "The",
    "Their",
    "Then",
    "There",
    "These",
    "They",
    "This",
    "Those",
    "Though",
    "Thus",
    "To",
    "Today",
    "Under",
    "Until",
    "We",
    "What",
    "When",
    "Where",
    "Whether",
    "Which",
    "While",
    "Who",
    "Why",
    "With",
    "Without",
    "Yesterday",
    "Yet",
    "You",
];

/// Capitalised words that often continue a name after a dotted initialism
/// (`U.S. President`, `U.N. Security Council`, `3 p.m. GMT`). After an
/// initialism any other capitalised word starts a new sentence.
pub const INITIALISM_CONTINUATIONS: &[&str] = &[
    "Administration",
    "Agency",
    "Air",
    "Ambassador",
    "Army",
    "Attorney",
    "Bank",
    "Border",
    "BST",
    "Capitol",
    "CET",
    "Central",
    "Chamber",
    "Coast",
    "Command",
    "Commerce",
    "Commission",
    "Commissioner",
    "Congress",
    "Congressman",
    "Congresswoman",
    "Council",
    "Court",
    "Customs",
    "Defence",
    "Defense",
    "Democrats",
    "Democratic",
    "Department",
    "Development",
    "Diplomat",
    "Dollar",
    "EDT",
    "Election",
    "Embassy",
    "Energy",
    "Envoy",
    "EST",
    "ET",
    "Eastern",
    "Federal",
    "Food",
    "Forces",
    "Foreign",
    "General",
    "GMT",
    "Government",
    "High",
    "House",
    "Human",
    "Immigration",
    "Intelligence",
    "Justice",
    "Marine",
    "Marines",
    "Military",
    "Minister",
    "Mission",
    "National",
    "Navy",
    "Open",
    "Pacific",
    "Parliament",
    "Peacekeeping",
    "PT",
    "Presidency",
    "President",
    "Presidents",
    "Prime",
    "Refugee",
    "Relief",
    "Rep",
    "Representative",
    "Republican",
    "Republicans",
    "Secretary",
    "Secretary-General",
    "Security",
    "Sen",
    "Senate",
    "Senator",
    "Special",
    "State",
    "Supreme",
    "Time",
    "Trade",
    "Treasury",
    "UTC",
];

/// Verbs of speech: `"Why?" Touma asked.` keeps the quote in the sentence.
pub const SPEECH_VERBS: &[&str] = &[
    "added",
    "argued",
    "asked",
    "asks",
    "continued",
    "cried",
    "declared",
    "demanded",
    "exclaimed",
    "explained",
    "insisted",
    "noted",
    "replied",
    "said",
    "says",
    "shouted",
    "stated",
    "told",
    "tweeted",
    "urged",
    "warned",
    "wondered",
    "wrote",
];

/// Clitic endings split off a word after an apostrophe (`Assad` `'s`,
/// `they` `'re`). `n't` is handled separately because it takes the `n`.
pub const CLITICS: &[&str] = &["s", "re", "ve", "ll", "d", "m"];

/// Top-level domains that let a period join two words (`bbc.com`), so that
/// bare domain names stay one token without gluing `end.The` together.
pub const DOMAIN_SUFFIXES: &[&str] = &[
    "ae", "co", "com", "de", "edu", "eu", "fr", "gov", "info", "int", "io", "mil", "net", "news",
    "org", "qa", "ru", "sa", "tv", "uk", "us",
];
