//! dyad-extract (being written).
