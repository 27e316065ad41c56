// Runs the vtt program for end-to-end tests: arguments, standard input, captured output.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include <fcntl.h>
#include <pty.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

namespace vtt_test {

struct run_result {
  int code = -1;    ///< exit code (-1: killed by a signal)
  std::string out;  ///< standard output
  std::string err;  ///< standard error
};

/// A fresh temporary folder, removed at the end of the test.
struct temp_dir {
  std::string path;
  temp_dir() {
    char tmpl[] = "/tmp/vttkit-test-XXXXXX";
    path = ::mkdtemp(tmpl);
  }
  ~temp_dir() { std::system(("rm -rf '" + path + "'").c_str()); }
  [[nodiscard]] std::string file(const std::string& name) const { return path + "/" + name; }
};

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

inline void write_file(const std::string& path, const std::string& data) {
  std::ofstream(path, std::ios::binary) << data;
}

/// In a child process: replaces it with `VTT_PROGRAM args...` (exit 127 if that fails).
[[noreturn]] inline void exec_vtt(const std::vector<std::string>& args) {
  std::vector<char*> argv;
  std::string prog = VTT_PROGRAM;
  argv.push_back(prog.data());
  std::vector<std::string> copy = args;
  for (auto& a : copy) argv.push_back(a.data());
  argv.push_back(nullptr);
  ::execv(prog.c_str(), argv.data());
  ::_exit(127);
}

/// Starts `VTT_PROGRAM args...` with standard input, output and error on the given paths
/// (opening `in` may wait for a FIFO's writer, in the child); returns its pid.
inline pid_t spawn_vtt(const std::vector<std::string>& args, const std::string& in_path, const std::string& out_path,
                       const std::string& err_path) {
  const pid_t pid = ::fork();
  if (pid == 0) {
    const int in = ::open(in_path.c_str(), O_RDONLY);
    const int out = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int err = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ::dup2(in, 0);
    ::dup2(out, 1);
    ::dup2(err, 2);
    exec_vtt(args);
  }
  return pid;
}

/// Runs `VTT_PROGRAM args...` with `input` on standard input.
inline run_result run_vtt(const std::vector<std::string>& args, const std::string& input = "") {
  temp_dir dir;
  const auto in_path = dir.file("stdin"), out_path = dir.file("stdout"), err_path = dir.file("stderr");
  write_file(in_path, input);
  const pid_t pid = spawn_vtt(args, in_path, out_path, err_path);
  int status = 0;
  ::waitpid(pid, &status, 0);
  run_result r;
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = read_file(out_path);
  r.err = read_file(err_path);
  return r;
}

/// Which standard streams of the program are a terminal (one pseudo-terminal the test reads).
struct tty_streams {
  bool in = false;
  bool out = false;
  bool err = true;
};

struct tty_result {
  int code = -1;
  std::string tty;  ///< what the program wrote to the terminal, byte for byte
  std::string out;  ///< standard output when it is not the terminal
  std::string err;  ///< standard error when it is not the terminal
};

/// Runs `VTT_PROGRAM args...` with the streams `on` names on a pseudo-terminal (no echo, no
/// output processing: the bytes as written), the others on files; `input` is typed on the
/// terminal followed by Ctrl-D, or is the file on standard input. `env` entries "NAME=value"
/// are set, "NAME" unset, in the program's environment. `on_tty(so_far)` sees the terminal
/// output as it arrives (to act while the program runs).
inline tty_result run_vtt_tty(const std::vector<std::string>& args, tty_streams on, const std::string& input = "",
                              const std::vector<std::string>& env = {},
                              const std::function<void(const std::string&)>& on_tty = {}) {
  int master = -1, slave = -1;
  if (::openpty(&master, &slave, nullptr, nullptr, nullptr) != 0) return {};
  termios t{};
  ::tcgetattr(slave, &t);
  t.c_lflag &= ~static_cast<tcflag_t>(ECHO);
  t.c_oflag &= ~static_cast<tcflag_t>(OPOST);
  ::tcsetattr(slave, TCSANOW, &t);
  temp_dir dir;
  const auto in_path = dir.file("stdin"), out_path = dir.file("stdout"), err_path = dir.file("stderr");
  write_file(in_path, on.in ? "" : input);
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::close(master);
    ::dup2(on.in ? slave : ::open(in_path.c_str(), O_RDONLY), 0);
    ::dup2(on.out ? slave : ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644), 1);
    ::dup2(on.err ? slave : ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644), 2);
    ::close(slave);
    for (const auto& e : env) {
      const auto eq = e.find('=');
      if (eq == std::string::npos) ::unsetenv(e.c_str());
      else ::setenv(e.substr(0, eq).c_str(), e.substr(eq + 1).c_str(), 1);
    }
    exec_vtt(args);
  }
  ::close(slave);
  if (on.in) {
    const std::string typed = input + "\x04";  // Ctrl-D at the start of a line: the end of input
    (void)!::write(master, typed.data(), typed.size());
  }
  tty_result r;
  char buf[4096];
  for (ssize_t n; (n = ::read(master, buf, sizeof buf)) > 0;) {  // EIO once the program has closed it
    r.tty.append(buf, static_cast<std::size_t>(n));
    if (on_tty) on_tty(r.tty);
  }
  ::close(master);
  int status = 0;
  ::waitpid(pid, &status, 0);
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = read_file(out_path);
  r.err = read_file(err_path);
  return r;
}

/// What a terminal shows for `bytes`, line by line: CR returns to the line's start, `ESC[K`
/// erases to its end, other escape sequences (colours) are dropped, characters overwrite.
inline std::vector<std::string> screen_lines(const std::string& bytes) {
  std::vector<std::string> lines(1);
  std::size_t col = 0;
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    const char c = bytes[i];
    auto& line = lines.back();
    if (c == '\n') {
      lines.emplace_back();
      col = 0;
    } else if (c == '\r') {
      col = 0;
    } else if (c == '\x1b' && i + 1 < bytes.size() && bytes[i + 1] == '[') {
      std::size_t j = i + 2;
      while (j < bytes.size() && !(bytes[j] >= '@' && bytes[j] <= '~')) ++j;
      if (j < bytes.size() && bytes[j] == 'K') line.resize(std::min(line.size(), col));
      i = j;
    } else {
      if (col < line.size()) line[col] = c;
      else line += c;
      ++col;
    }
  }
  return lines;
}

}  // namespace vtt_test
