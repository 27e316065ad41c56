// vtt fmt (being written).
#include <CLI/CLI.hpp>
#include "commands.hpp"
namespace vtt {
void setup_fmt(CLI::App&) {}
}  // namespace vtt
