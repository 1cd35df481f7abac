/*
 * TEST-ONLY shim for running trolyso's Windows build under Debian's Wine 8 in CI.
 * Never shipped, never part of the package.
 *
 * Rust's standard library on Windows asks bcryptprimitives.dll for ProcessPrng
 * (present on real Windows 10/11). Wine 8 has no such DLL, so every Rust .exe
 * fails to start there. This DLL gives ProcessPrng on top of RtlGenRandom
 * (advapi32's SystemFunction036), which Wine does have. .ci/wine/run builds it
 * with mingw and puts it in the throwaway Wine prefix only.
 */
#include <windows.h>
BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);
__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) {
    while (len > 0) {
        ULONG chunk = len > 0x10000000 ? 0x10000000 : (ULONG)len;
        if (!SystemFunction036(data, chunk)) return FALSE;
        data += chunk;
        len -= chunk;
    }
    return TRUE;
}
