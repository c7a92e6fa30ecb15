import COpenSSL
import HookSpecCore
// Filled in by the benchmark work.
