// A stand-in for libFuzzer's main (docs/fuzzing.md): runs LLVMFuzzerTestOneInput once on each
// input named on the command line. An argument is a file, or a directory whose files (searched
// recursively, in name order) are each one input. Arguments starting with '-' are libFuzzer
// flags and are ignored, so the same command lines work with either main. Exit status 0 when
// every input ran; a failed check aborts, as under libFuzzer.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <system_error>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace fs = std::filesystem;

int main(int argc, char** argv) {
  std::vector<fs::path> inputs;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (!arg.empty() && arg[0] == '-') continue;
    std::error_code ec;
    if (fs::is_directory(arg, ec)) {
      std::vector<fs::path> found;
      for (const auto& entry : fs::recursive_directory_iterator(arg, ec))
        if (entry.is_regular_file()) found.push_back(entry.path());
      if (ec) {
        std::fprintf(stderr, "replay: cannot read directory %s: %s\n", arg.c_str(), ec.message().c_str());
        return 2;
      }
      std::sort(found.begin(), found.end());
      inputs.insert(inputs.end(), found.begin(), found.end());
    } else if (fs::is_regular_file(arg, ec)) {
      inputs.emplace_back(arg);
    } else {
      std::fprintf(stderr, "replay: no such file or directory: %s\n", arg.c_str());
      return 2;
    }
  }
  if (inputs.empty()) {
    std::fprintf(stderr, "usage: %s FILE_OR_DIRECTORY...\n  (built without libFuzzer: replays the inputs given)\n",
                 argc > 0 ? argv[0] : "fuzz_target");
    return 2;
  }
  for (const fs::path& path : inputs) {
    std::ifstream in(path, std::ios::binary);
    const std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (!in.good() && !in.eof()) {
      std::fprintf(stderr, "replay: cannot read %s\n", path.c_str());
      return 2;
    }
    std::fprintf(stderr, "Running: %s\n", path.c_str());
    // A copy of exactly `size` bytes on the heap, so AddressSanitizer sees reads past the end.
    const auto size = bytes.size();
    const auto copy = std::make_unique<std::uint8_t[]>(size == 0 ? 1 : size);
    std::copy(bytes.begin(), bytes.end(), copy.get());
    LLVMFuzzerTestOneInput(size == 0 ? nullptr : copy.get(), size);
  }
  std::fprintf(stderr, "replay: %zu inputs ran\n", inputs.size());
  return 0;
}
