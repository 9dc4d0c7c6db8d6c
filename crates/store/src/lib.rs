//! dyad-store (being written).
