// boardpack: dispatch only; all logic lives in the libraries.
#include <cstdio>
#include <exception>
#include <new>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include "app/cli.hpp"

int main(int argc, char** argv) {
#if defined(__GLIBC__)
    // glibc grows each thread's arena by the few pages an allocation lacks, one mprotect call at a
    // time: 11,000 calls in a 200-workbook build. Growing by 64 MiB of address space at once (pages
    // are only backed when touched, so resident memory does not change) leaves a couple of dozen.
    mallopt(M_TOP_PAD, 64 << 20);
#endif
    try {
        return bp::app::run_cli(argc, argv);
    } catch (const std::bad_alloc&) {
        std::fputs("boardpack: out of memory\n", stderr);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "boardpack: internal error: %s (please report it with the input that caused it)\n", e.what());
    }
    return 2;
}
