// vtt fix, also run by `vtt fmt --fix`: its options and its run function.
#pragma once

#include <string>
#include <vector>

#include <vttkit/fix.hpp>

#include "flags.hpp"

namespace vtt {

struct fix_cli_options {
  std::vector<std::string> inputs;
  std::string output;
  std::string out_dir;
  bool recursive = false;
  unsigned jobs = 0;
  bool quiet = false;
  bool check = false;
  bool diff = false;
  bool in_place = false;
  when color = when::automatic;
  std::string encoding;
  vttkit::fix_options fix;
  std::string command = "fix";  ///< as messages name it ("fix", or "fmt" for `fmt --fix`)
};

/// Repairs the inputs as the flags say; returns the exit code.
int run_fix(const fix_cli_options& opt);

}  // namespace vtt
