// Runs the vtt program for end-to-end tests: arguments, standard input, captured output.
#pragma once

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <fcntl.h>
#include <sys/wait.h>
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
    std::vector<char*> argv;
    std::string prog = VTT_PROGRAM;
    argv.push_back(prog.data());
    std::vector<std::string> copy = args;
    for (auto& a : copy) argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execv(prog.c_str(), argv.data());
    ::_exit(127);
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

}  // namespace vtt_test
