//! dyad-ingest (being written).
