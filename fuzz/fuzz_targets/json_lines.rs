#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| dyad_fuzzing::json_lines(data));
