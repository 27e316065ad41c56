// The subcommands: each setup function declares its flags on the CLI11 app and returns what
// runs the command; `main` calls the runner of the command chosen once the flags are parsed.
#pragma once

#include <functional>

namespace CLI {
class App;
}

namespace vtt {

/// A subcommand and its work. `run` returns an exit code (or `exit_output_closed`).
struct command {
  CLI::App* app = nullptr;
  std::function<int()> run;
};

command setup_convert(CLI::App& app);
command setup_merge(CLI::App& app);
command setup_stitch(CLI::App& app);
command setup_speakers(CLI::App& app);
command setup_lint(CLI::App& app);
command setup_fmt(CLI::App& app);
command setup_rule(CLI::App& app);
command setup_config(CLI::App& app);
command setup_shift(CLI::App& app);
command setup_scale(CLI::App& app);
command setup_cut(CLI::App& app);
command setup_concat(CLI::App& app);
command setup_fix(CLI::App& app);

}  // namespace vtt
