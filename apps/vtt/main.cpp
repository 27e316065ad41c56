// vtt: the command-line program. Parses flags, runs one subcommand, maps outcomes to exit codes.
#include <array>
#include <csignal>
#include <cstdio>

#include <CLI/CLI.hpp>
#include <vttkit/version.hpp>

#include "cli_io.hpp"
#include "commands.hpp"

int main(int argc, char** argv) {
  // A closed standard output shows up as EPIPE on write, which the commands report as
  // exit_output_closed: they stop, and the program ends quietly.
  std::signal(SIGPIPE, SIG_IGN);
  vtt::install_signal_handlers();

  CLI::App app{"vtt: clean up, convert and lint WebVTT transcripts.\n"
               "Reads the files given (standard input when none or '-'); writes standard output.",
               "vtt"};
  app.set_version_flag("-V,--version", std::string("vtt ") + vttkit::version);
  app.require_subcommand(1);
  app.fallthrough(false);
  app.footer("Exit codes: 0 success, 1 a file failed or a failing finding, 2 usage error or unreadable input.\n"
             "Run 'vtt COMMAND --help' for a command's flags.");

  const std::array commands{vtt::setup_convert(app), vtt::setup_merge(app),    vtt::setup_stitch(app),
                            vtt::setup_speakers(app), vtt::setup_lint(app), vtt::setup_fmt(app)};
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return vtt::exit_usage;  // CLI11 uses codes of 100 and more; ours is 2
  }
  int code = vtt::exit_usage;
  for (const auto& c : commands) {
    if (c.app->parsed()) code = c.run();
  }
  std::fflush(stdout);
  return code == vtt::exit_output_closed ? vtt::exit_ok : code;
}
