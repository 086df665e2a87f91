/*
 * hold.exe FILE READY RELEASE: holds FILE open without sharing, as Excel
 * holds a workbook while it is open, so that the smoke suite can check
 * what bscore says when it cannot replace a locked report.
 *
 * It opens FILE with no share mode (any other open of it fails with
 * ERROR_SHARING_VIOLATION), creates READY to say it holds it, then waits
 * until RELEASE exists (at most 60 s) and closes it.
 * Exit 0 once released, 1 if FILE could not be opened.
 *
 * Build: x86_64-w64-mingw32-gcc -O2 -municode -o hold.exe hold.c
 */
#include <windows.h>

static BOOL exists(const wchar_t *path)
{
    return GetFileAttributesW(path) != INVALID_FILE_ATTRIBUTES;
}

int wmain(int argc, wchar_t **argv)
{
    if (argc != 4) {
        return 2;
    }
    HANDLE file = CreateFileW(argv[1], GENERIC_READ | GENERIC_WRITE, 0, NULL,
                              OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, NULL);
    if (file == INVALID_HANDLE_VALUE) {
        return 1;
    }
    HANDLE ready = CreateFileW(argv[2], GENERIC_WRITE, 0, NULL, CREATE_ALWAYS,
                               FILE_ATTRIBUTE_NORMAL, NULL);
    CloseHandle(ready);
    for (int waited = 0; waited < 600 && !exists(argv[3]); waited++) {
        Sleep(100);
    }
    CloseHandle(file);
    return 0;
}
