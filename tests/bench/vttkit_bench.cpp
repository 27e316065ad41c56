// Benchmark: generates a transcript in the shape of real podcast WebVTT (any size,
// deterministic) and times each stage of the library on it: parse, every writer, merge,
// stitch. Usage:
//   vttkit_bench generate CUES > file.vtt     write the synthetic transcript
//   vttkit_bench run FILE [REPEAT [THREADS]]  time each stage on FILE (median of REPEAT runs),
//                                             parsing on THREADS threads (default 1)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include <sys/resource.h>

#include <vttkit/vttkit.hpp>

namespace {

/// Cues of about 3 s with small gaps, ~2% overlapping their predecessor, one-digit hours,
/// one line of ~50 characters behind an unclosed <v Speaker N>, turns of ~8 cues, and
/// sentences that run across cues (about one cue in five ends one).
std::string generate(std::size_t cues) {
  static const char* words[] = {
      "the",   "market", "rates",  "we",  "think",    "about",       "shipping",  "really", "prices", "and",
      "that",  "is",     "a",      "big", "question", "for",         "people",    "in",     "this",   "economy",
      "you",   "know",   "so",     "it",  "was",      "interesting", "container", "ports",  "higher", "demand",
      "right", "of",     "course", "Dr.", "U.S.",     "3.5",         "percent",   "they",   "said",   "yeah"};
  std::mt19937_64 rng{20240531};
  auto uniform = [&](double lo, double hi) { return std::uniform_real_distribution<double>(lo, hi)(rng); };
  std::string out = "WEBVTT - A synthetic episode about markets\n";
  out.reserve(cues * 100);
  long long t = 2000;
  int speaker = 1;
  int turn_left = 8;
  char buf[64];
  for (std::size_t i = 0; i < cues; ++i) {
    const long long len = static_cast<long long>(std::clamp(uniform(1500, 4500), 150.0, 17000.0));
    long long start = t;
    if (i > 0 && uniform(0, 1) < 0.02) start -= static_cast<long long>(uniform(1, 99));
    const long long end = start + len;
    auto stamp = [&](long long ms) {
      std::snprintf(buf, sizeof buf, "%lld:%02lld:%02lld.%03lld", ms / 3600000, ms / 60000 % 60, ms / 1000 % 60,
                    ms % 1000);
      return std::string(buf);
    };
    out += '\n';
    out += stamp(start);
    out += " --> ";
    out += stamp(end);
    out += "\n<v Speaker ";
    out += std::to_string(speaker);
    out += '>';
    const auto target = static_cast<std::size_t>(uniform(5, 95));
    std::string line;
    while (line.size() < target) {
      if (!line.empty()) line += ' ';
      line += words[rng() % (sizeof words / sizeof *words)];
    }
    if (uniform(0, 1) < 0.18) line += (rng() % 4 == 0) ? "?" : ".";
    if (rng() % 200 == 0) line += " S&amp;P";
    out += line;
    out += '\n';
    t = end + static_cast<long long>(uniform(0, 400));
    if (--turn_left == 0) {
      speaker = speaker % 4 + 1;
      turn_left = 1 + static_cast<int>(rng() % 15);
    }
  }
  return out;
}

class null_sink final : public vttkit::byte_sink {
 public:
  bool write(std::string_view bytes) override {
    bytes_ += bytes.size();
    return true;
  }
  std::size_t bytes_ = 0;
};

double seconds(const std::function<void()>& f) {
  const auto t0 = std::chrono::steady_clock::now();
  f();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

int run(const std::string& path, int repeat, unsigned threads) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) {
    std::perror(path.c_str());
    return 2;
  }
  std::string data;
  char chunk[1 << 16];
  for (std::size_t n; (n = std::fread(chunk, 1, sizeof chunk, f)) > 0;) data.append(chunk, n);
  std::fclose(f);
  const double mb = static_cast<double>(data.size()) / 1e6;
  std::size_t cues = 0;

  auto stream = [&](const std::function<void(vttkit::reader&)>& body) {
    vttkit::memory_source src{data};
    vttkit::parse_options opt;
    opt.warnings = false;
    opt.threads = threads;
    vttkit::reader r{src, opt};
    body(r);
  };
  auto convert = [&](vttkit::output_format fmt) {
    return [&, fmt] {
      stream([&](vttkit::reader& r) {
        null_sink sink;
        vttkit::writer w{sink, {fmt, vttkit::speaker_labels::change}};
        w.begin(r.header());
        while (r.next())
          if (r.kind() == vttkit::item_kind::cue) w.write(r.cue());
        w.finish();
      });
    };
  };
  std::vector<std::pair<std::string, std::function<void()>>> stages = {
      {"parse",
       [&] {
         stream([&](vttkit::reader& r) {
           for (cues = 0; r.next();) ++cues;
         });
       }},
      {"convert vtt", convert(vttkit::output_format::vtt)},
      {"convert srt", convert(vttkit::output_format::srt)},
      {"convert json", convert(vttkit::output_format::json)},
      {"convert jsonl", convert(vttkit::output_format::jsonl)},
      {"convert md", convert(vttkit::output_format::md)},
      {"convert txt", convert(vttkit::output_format::txt)},
      {"merge",
       [&] {
         stream([&](vttkit::reader& r) {
           std::size_t n = 0;
           vttkit::merger m{{}, [&](const vttkit::cue&) { ++n; }};
           while (r.next())
             if (r.kind() == vttkit::item_kind::cue) m.push(r.cue());
           m.finish();
         });
       }},
      {"stitch",
       [&] {
         stream([&](vttkit::reader& r) {
           std::size_t n = 0;
           vttkit::stitcher s{{}, [&](const vttkit::cue&) { ++n; }};
           while (r.next())
             if (r.kind() == vttkit::item_kind::cue) s.push(r.cue());
           s.finish();
         });
       }},
  };
  std::printf("%-14s %10s %10s %12s\n", "stage", "seconds", "MB/s", "cues/s");
  for (const auto& [name, fn] : stages) {
    std::vector<double> times;
    for (int i = 0; i < repeat; ++i) times.push_back(seconds(fn));
    const double t = median(times);
    std::printf("%-14s %10.3f %10.1f %12.0f\n", name.c_str(), t, mb / t, static_cast<double>(cues) / t);
  }
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  std::printf("input %.1f MB, %zu cues; peak RSS %.1f MiB (includes the input held in memory)\n", mb, cues,
              static_cast<double>(ru.ru_maxrss) / 1024.0);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string mode = argc > 1 ? argv[1] : "";
  if (mode == "generate" && argc > 2) {
    const auto text = generate(std::strtoull(argv[2], nullptr, 10));
    std::fwrite(text.data(), 1, text.size(), stdout);
    return 0;
  }
  if (mode == "run" && argc > 2) {
    const int repeat = argc > 3 ? std::atoi(argv[3]) : 3;
    const auto threads = static_cast<unsigned>(argc > 4 ? std::atoi(argv[4]) : 1);
    return run(argv[2], repeat, threads);
  }
  std::fprintf(stderr,
               "usage: vttkit_bench generate CUES > file.vtt\n       vttkit_bench run FILE [REPEAT [THREADS]]\n");
  return 2;
}
