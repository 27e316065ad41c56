// vtt: the command-line program. Parses flags, runs one subcommand, maps outcomes to exit codes.
#include <algorithm>
#include <cerrno>
#include <array>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include <fcntl.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <vttkit/version.hpp>

#include "cli_io.hpp"
#include "commands.hpp"
#include "did_you_mean.hpp"

namespace {

/// The first argument when it should name a command and names none: a message saying so,
/// with the closest command when one is close. Empty when the arguments are fine.
std::string unknown_command(const CLI::App& app, int argc, char** argv) {
  if (argc < 2 || argv[1][0] == '-') return {};
  const std::string_view given = argv[1];
  std::vector<std::string_view> names;
  for (const auto* sub : app.get_subcommands({})) {
    if (sub->get_name() == given) return {};
    names.push_back(sub->get_name());
  }
  const auto best = vtt::closest_name(given, names);
  std::string message = "vtt: unknown command '" + std::string(given) + "'";
  if (!best.empty()) message += "; did you mean '" + best + "'?";
  return message + "\nRun 'vtt help' for the list of commands.";
}

/// `vtt help` prints the commands, `vtt help COMMAND` that command's flags.
int show_help(const CLI::App& app, int argc, char** argv) {
  if (argc < 3 || std::string_view{argv[2]} == "--help" || std::string_view{argv[2]} == "-h") {
    std::fputs(app.help().c_str(), stdout);
    return vtt::exit_ok;
  }
  for (const auto* sub : app.get_subcommands({})) {
    if (sub->get_name() == argv[2]) {
      std::fputs(sub->help("vtt").c_str(), stdout);
      return vtt::exit_ok;
    }
  }
  char* args[] = {argv[0], argv[2]};
  std::fprintf(stderr, "%s\n", unknown_command(app, 2, args).c_str());
  return vtt::exit_usage;
}

/// Opens /dev/null on any of the descriptors 0, 1 and 2 that is closed, so that no file the
/// program opens later gets one of them (diagnostics written into an output file).
void occupy_standard_descriptors() {
  for (int fd = 0; fd <= 2; ++fd) {
    if (::fcntl(fd, F_GETFD) != -1 || errno != EBADF) continue;
    const int null = ::open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY);
    if (null >= 0 && null != fd) ::close(null);  // lower descriptors are open: null == fd
  }
}

/// What standard output could not take through stdio (help, `vtt rule`, `vtt config` into a
/// full disk) is an error, as the commands' own writes are; a reader that closed it is not.
int finish_standard_output(int code) {
  if (std::fflush(stdout) == 0 && std::ferror(stdout) == 0) return code;
  if (errno == EPIPE) return code;
  std::fprintf(stderr, "vtt: standard output: write failed: %s\n", std::strerror(errno));
  return std::max(code, int{vtt::exit_findings});
}

int run_program(int argc, char** argv) {
  occupy_standard_descriptors();
  // A closed standard output shows up as EPIPE on write, which the commands report as
  // exit_output_closed: they stop, and the program ends quietly.
  std::signal(SIGPIPE, SIG_IGN);
  vtt::install_signal_handlers();

  CLI::App app{
      "vtt: clean up, convert and lint WebVTT transcripts.\n"
      "Reads the files given (standard input when none or '-'); writes standard output.",
      "vtt"};
  app.set_version_flag("-V,--version", std::string("vtt ") + vttkit::version);
  app.require_subcommand(1);
  app.fallthrough(false);
  app.footer(
      "Examples:\n"
      "  vtt convert --to srt talk.vtt -o talk.srt\n"
      "  vtt convert --map \"Speaker 1=Ann Lee\" --stitch --to md talk.vtt > talk.md\n"
      "  vtt lint talk.vtt\n\n"
      "Exit codes: 0 success, 1 a file failed or a failing finding, 2 usage error or unreadable input.\n"
      "Run 'vtt COMMAND --help' for a command's flags.");

  const std::array commands{vtt::setup_convert(app),  vtt::setup_merge(app),  vtt::setup_stitch(app),
                            vtt::setup_speakers(app), vtt::setup_lint(app),   vtt::setup_fmt(app),
                            vtt::setup_rule(app),     vtt::setup_config(app), vtt::setup_shift(app),
                            vtt::setup_scale(app),    vtt::setup_cut(app),    vtt::setup_concat(app),
                            vtt::setup_fix(app)};
  // CLI11's messages carry the program's prefix, as the program's own do.
  app.failure_message([](const CLI::App*, const CLI::Error& e) {
    return "vtt: " + std::string(e.what()) + "\nRun 'vtt help' or 'vtt COMMAND --help' for the flags.\n";
  });
  app.add_subcommand("help", "Show the commands, or a command's flags: vtt help [COMMAND]")->allow_extras();
  if (argc < 2) {  // a bare `vtt`: the commands, on standard error, and a usage error
    std::fputs(app.help().c_str(), stderr);
    return vtt::exit_usage;
  }
  if (std::string_view{argv[1]} == "help") return show_help(app, argc, argv);
  if (const auto message = unknown_command(app, argc, argv); !message.empty()) {
    std::fprintf(stderr, "%s\n", message.c_str());
    return vtt::exit_usage;
  }
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
  return code == vtt::exit_output_closed ? vtt::exit_ok : code;
}

}  // namespace

int main(int argc, char** argv) { return finish_standard_output(run_program(argc, argv)); }
