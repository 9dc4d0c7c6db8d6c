#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| dyad_fuzzing::dyad_dict(data));
