// The subcommands: each has a setup function that declares its flags on the CLI11 app and
// arranges for its run function to be called.
#pragma once

namespace CLI {
class App;
}

namespace vtt {

/// The exit code the chosen subcommand produced (set by its callback).
int& command_result();

void setup_convert(CLI::App& app);
void setup_merge(CLI::App& app);
void setup_stitch(CLI::App& app);
void setup_speakers(CLI::App& app);
void setup_lint(CLI::App& app);
void setup_fmt(CLI::App& app);

}  // namespace vtt
