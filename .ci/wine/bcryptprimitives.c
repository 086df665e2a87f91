/*
 * bcryptprimitives.dll for wine 8 (Debian 12), which lacks it.
 *
 * Why: Rust's standard library (since Rust 1.78) imports ProcessPrng from
 * bcryptprimitives.dll on Windows, for the random keys of its hash maps.
 * Every Windows since 10 has that DLL; wine 8 does not, so bscore.exe
 * would not even start under it. CI builds this file and puts the DLL
 * beside bscore.exe (wine looks there first), only to run the Windows
 * build under wine: bscore.exe itself needs nothing but what Windows has,
 * and this DLL is never shipped to assessors.
 *
 * What: ProcessPrng fills the buffer with the system's random bytes,
 * through advapi32's RtlGenRandom (exported as SystemFunction036), which
 * wine has, and returns TRUE as Windows' ProcessPrng always does.
 *
 * Build: x86_64-w64-mingw32-gcc -shared -O2 -o bcryptprimitives.dll \
 *        bcryptprimitives.c -ladvapi32
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    /* RtlGenRandom takes a ULONG length: fill larger buffers in parts. */
    while (length > 0) {
        ULONG part = length > 0x7fffffff ? 0x7fffffff : (ULONG)length;
        if (!SystemFunction036(data, part)) {
            return FALSE;
        }
        data += part;
        length -= part;
    }
    return TRUE;
}
