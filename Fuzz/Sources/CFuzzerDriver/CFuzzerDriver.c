// Header-only module: libFuzzer itself provides LLVMFuzzerRunDriver at link time.
