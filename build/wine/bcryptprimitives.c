/*
 * bcryptprimitives.dll for Wine 8, which has none. Rust's std (1.78 and later) takes its random numbers from
 * ProcessPrng, which that DLL exports on Windows 10 and later; without it no Rust program for Windows starts
 * under Wine. This one asks RtlGenRandom (SystemFunction036 in advapi32), which Wine has.
 *
 * Only for running the win-x64 test binaries under Wine (build.ps1 TestPlatforms builds it with mingw-w64
 * and puts it into the test-only Wine prefix's system32); never shipped.
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x40000000 ? 0x40000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk)) {
            return FALSE;
        }
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
