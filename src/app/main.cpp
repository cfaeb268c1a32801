// boardpack: dispatch only; all logic lives in the libraries.
#include <cstdio>
#include <exception>
#include <new>

#include "app/cli.hpp"

int main(int argc, char** argv) {
    try {
        return bp::app::run_cli(argc, argv);
    } catch (const std::bad_alloc&) {
        std::fputs("boardpack: out of memory\n", stderr);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "boardpack: internal error: %s (please report it with the input that caused it)\n", e.what());
    }
    return 2;
}
