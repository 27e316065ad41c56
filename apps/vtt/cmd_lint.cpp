// vtt lint (being written).
#include <CLI/CLI.hpp>
#include "commands.hpp"
namespace vtt {
void setup_lint(CLI::App&) {}
}  // namespace vtt
