#ifndef HOOKSPEC_CFUZZERDRIVER_H
#define HOOKSPEC_CFUZZERDRIVER_H
#include <stddef.h>
#include <stdint.h>

/// libFuzzer's entry point for programs that keep their own `main` (libclang_rt.fuzzer, LLVM 12+).
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif
