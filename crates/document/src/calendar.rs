//! Calendar words every stage that reads dates or names needs to know:
//! month and weekday names and the nouns of time of day and duration.

/// Month names, January first.
pub const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Weekday names, Monday first (ISO 8601).
pub const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Nouns of time: parts of the day and units of the calendar.
pub const TIME_NOUNS: [&str; 16] = [
    "today",
    "yesterday",
    "tonight",
    "tomorrow",
    "morning",
    "afternoon",
    "evening",
    "night",
    "dawn",
    "dusk",
    "midnight",
    "noon",
    "day",
    "week",
    "weekend",
    "month",
];

/// A month or weekday name (lower case expected).
pub fn is_month_or_weekday(w: &str) -> bool {
    MONTHS.contains(&w) || WEEKDAYS.contains(&w)
}

/// A month or weekday name or a noun of time (`year` included).
pub fn is_time_word(w: &str) -> bool {
    is_month_or_weekday(w) || TIME_NOUNS.contains(&w) || w == "year"
}
