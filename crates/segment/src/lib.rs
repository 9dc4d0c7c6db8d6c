//! dyad-segment (being written).
