// libFuzzer itself provides LLVMFuzzerRunDriver at link time.
#include <stdlib.h>
#include "CFuzzerDriver.h"

// A debug build renames Swift's entry point and aliases `main` to it with --defsym, after lld has
// already taken libFuzzer's own `main` from its archive; that `main` needs this symbol. It is
// never called: hookspec-fuzz's `main` hands libFuzzer its callback through LLVMFuzzerRunDriver.
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    (void)data;
    (void)size;
    abort();
}
