// Stage 2 on several threads (see parallel_parser.hpp).
#include "parse/parallel_parser.hpp"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <cstring>
#include <system_error>
#include <mutex>
#include <new>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

#include "parse/parse_context.hpp"
#include "text/short_compare.hpp"
#include "parse/webvtt_parser.hpp"

namespace vttkit::detail {
namespace {

constexpr std::size_t default_chunk_target = std::size_t{1} << 18;  // about 2,500 transcript cues: a chunk
                                                                    // and its cues stay in the core's L2 cache
constexpr std::size_t default_chunk_limit = std::size_t{8} << 20;   // no blank line this far: read on sequentially
std::atomic<std::size_t> chunk_target{default_chunk_target};
std::atomic<std::size_t> chunk_limit{default_chunk_limit};
// Diagnostics a worker holds for its chunk: a chunk with more (a NUL in every byte, say) is read
// again by the consumer as the sequential tail, which passes them on as they come.
constexpr std::size_t most_held_diagnostics = 4096;

/// A diagnostic and the number of its chunk's items produced before it.
struct held_diagnostic {
  diagnostic d;
  std::size_t before_item = 0;
};

/// A cue of a chunk, its strings in the chunk's arena one after another (id, payload, speaker,
/// text, then each setting's name and value).
struct packed_cue {
  millis start = 0;
  millis end = 0;
  std::size_t line = 0;
  std::size_t id_line = 0;
  std::size_t offset = 0;  // in the arena
  std::uint32_t id_size = 0, payload_size = 0, speaker_size = 0, text_size = 0;
  std::uint32_t settings = 0;
  bool simple_voice = false;  // speaker and text are not stored: the payload has them
};

/// Everything the parser produced for one chunk, line numbers counted from the chunk's start.
/// Cues cross between threads packed in one buffer per chunk, not as string objects: a
/// chunk's memory is then written by one thread and read by one other, never sharing cache
/// lines with a chunk in use elsewhere (string objects reused across chunks and threads did,
/// and ran at half speed in some runs).
struct chunk_result {
  std::vector<packed_cue> cues;
  std::string arena;
  std::vector<placed_block> blocks;  // before_cue: index in `cues`
  std::vector<held_diagnostic> diagnostics;
  std::size_t header_diagnostics = 0;  // the first chunk: how many came from the header
  std::size_t lines = 0;
  std::size_t errors = 0;
  std::size_t bytes = 0;
  webvtt_parser::state end_state;
  text_decoding decoding = text_decoding::undecided;  // at the chunk's end
  std::size_t guess_line = 0;                         // the chunk's line where Windows-1252 was guessed
  header head;                                        // the first chunk only
  bool signature = false;                             // the first chunk only
  bool tail = false;           // not parsed: the input goes on without a blank line; read sequentially
  bool overflow = false;       // more diagnostics than a worker holds: read again sequentially
  bool out_of_memory = false;  // the worker's allocation failed: the consumer throws std::bad_alloc
  std::size_t limit_line = 0;  // the chunk's line where a line or block over the limit stopped it

  void clear() {
    cues.clear();
    arena.clear();
    blocks.clear();
    diagnostics.clear();
    header_diagnostics = lines = errors = bytes = guess_line = limit_line = 0;
    overflow = out_of_memory = false;
    end_state = {};
    decoding = text_decoding::undecided;
    signature = tail = false;
  }

  /// Appends `c`; `simple_voice`: its payload is "<v " + speaker + ">" + text.
  void pack(const cue& c, bool simple_voice) {
    auto size = [](const std::string& s) { return static_cast<std::uint32_t>(s.size()); };
    cues.push_back({c.start, c.end, c.line, c.id_line, arena.size(), size(c.id), size(c.payload), size(c.speaker),
                    size(c.text), static_cast<std::uint32_t>(c.settings.size()), simple_voice});
    arena += c.id;
    arena += c.payload;
    if (!simple_voice) {
      arena += c.speaker;
      arena += c.text;
    }
    for (const auto& s : c.settings) {
      const std::uint32_t sizes[2] = {size(s.name), size(s.value)};
      arena.append(reinterpret_cast<const char*>(sizes), sizeof sizes);
      arena += s.name;
      arena += s.value;
    }
  }

  /// Unpacks cue `i` into `c` (whose strings keep their memory), lines shifted by `line_base`.
  void unpack(std::size_t i, cue& c, std::size_t line_base) const {
    const auto& p = cues[i];
    const char* at = arena.data() + p.offset;
    auto take = [&at](std::string& s, std::uint32_t n) {
      s.clear();
      s.append(at, n);  // lighter than assign, which allows for overlap
      at += n;
    };
    c.start = p.start;
    c.end = p.end;
    c.line = p.line + line_base;
    c.id_line = p.id_line ? p.id_line + line_base : 0;
    take(c.id, p.id_size);
    const char* payload = at;
    take(c.payload, p.payload_size);
    const char* speaker = p.simple_voice ? payload + 3 : at;
    const char* text = p.simple_voice ? payload + p.payload_size - p.text_size : at + p.speaker_size;
    // Most cues repeat the previous speaker: compare before copying.
    if (!same_bytes(c.speaker, {speaker, p.speaker_size})) c.speaker.assign(speaker, p.speaker_size);
    c.text.clear();
    c.text.append(text, p.text_size);
    if (!p.simple_voice) at += p.speaker_size + p.text_size;
    c.settings.resize(p.settings);
    for (auto& s : c.settings) {
      std::uint32_t sizes[2];
      std::memcpy(sizes, at, sizeof sizes);
      at += sizeof sizes;
      take(s.name, sizes[0]);
      take(s.value, sizes[1]);
    }
  }
};

/// The sequential parser's input after the last chunk: the rest of an input read in place,
/// handed out in place again, with what the parser reports back passed on to `source`.
class tail_source final : public byte_source {
 public:
  tail_source(std::string_view rest, byte_source& source) : rest_(rest), source_(source) {}
  std::ptrdiff_t read(char* data, std::size_t size) override {  // not used: view_rest is
    const auto n = std::min(size, rest_.size());
    std::memcpy(data, rest_.data(), n);
    rest_.remove_prefix(n);
    return static_cast<std::ptrdiff_t>(n);
  }
  bool view_rest(std::string_view& rest) override {
    rest = rest_;
    rest_ = {};
    return true;
  }
  void release(const char* upto) noexcept override { source_.release(upto); }
  void prepare(const char* upto) noexcept override { source_.prepare(upto); }

 private:
  std::string_view rest_;
  byte_source& source_;
};

}  // namespace

std::size_t last_block_boundary(std::string_view s, std::size_t floor) noexcept {
  for (std::size_t i = s.size(); i > floor && i >= 2; --i) {
    // A cut at i: the bytes before i end with an empty line, and a line starts at i.
    const char a = s[i - 2], b = s[i - 1];
    if (b == '\n' && (a == '\n' || (a == '\r' && i >= 3 && s[i - 3] == '\n'))) return i;
    if (b == '\r' && a == '\r' && i < s.size() && s[i] != '\n') return i;
  }
  return 0;
}

struct parallel_parser::impl {
  // Cache-line aligned: a thread filling one slot writes its fields for every cue, and must
  // not share a line with the slot another thread is reading.
  struct alignas(64) slot {
    enum class status { free, busy, done };
    std::string_view input;  // the chunk's bytes, in the input's own memory
    chunk_result result;
    status state = status::free;
    std::size_t seq = 0;
  };

  impl(byte_source& src, std::string_view input, const parse_options& opts, unsigned threads, const line_reader& lines)
      : source(src),
        options(opts),
        start_decoding(lines.decoding()),
        slots(threads + 2),
        uncut(input),
        input_end(input.data() + input.size()),
        decoding(lines.decoding()),
        encoding(lines.encoding()) {
    want_diagnostics = static_cast<bool>(options.on_diagnostic);
    // Fewer workers than asked when the system refuses a thread: the calling thread parses
    // the chunks nobody else takes, so any number works, down to none.
    try {
      for (unsigned t = 1; t < threads; ++t) workers.emplace_back([this] { work_loop(); });
    } catch (const std::system_error&) {
    }
  }

  ~impl() {
    {
      std::lock_guard lock{m};
      stop = true;
    }
    cv.notify_all();
    for (auto& w : workers) w.join();
  }

  // --- shared between the threads, under `m` ---
  byte_source& source;
  parse_options options;
  text_decoding start_decoding;  // how every chunk is parsed first
  bool want_diagnostics = false;
  std::vector<slot> slots;
  std::vector<std::thread> workers;
  std::mutex m;
  std::condition_variable cv;
  std::string_view uncut;       // the input after the last cut
  const char* input_end;        // the end of the whole input
  std::size_t next_seq = 0;     // the next chunk to cut
  std::size_t consume_seq = 0;  // the next chunk to hand out
  bool input_done = false;      // no chunk left to cut (end of input, a tail, or no signature)
  bool stop = false;
  // The state a chunk starts in: `fixed` for every chunk once some chunk saw a cue; before
  // that only chunk `serial_next` may start, in `serial_state` (chunks run one at a time).
  std::optional<webvtt_parser::state> fixed;
  std::size_t serial_next = 0;
  webvtt_parser::state serial_state;

  // --- the consumer's (the thread calling next) ---
  slot* current = nullptr;
  std::size_t cue_at = 0, block_at = 0, diagnostic_at = 0;
  std::size_t line_base = 0;  // lines before the current chunk
  std::size_t errors = 0, bytes_done = 0;
  webvtt_parser::state last_state;  // at the end of the chunks handed out so far
  text_decoding decoding;           // of the chunks handed out so far
  mutable input_encoding encoding;  // the input's (a guess in the tail is added when asked)
  cue out_cue;                      // the cue handed out
  // The sequential parser for the rest of an input without blank lines.
  struct tail_parse {
    tail_parse(std::string_view rest, byte_source& input, const parse_options& o, std::size_t base,
               diagnostic_sink user)
        : source(rest, input),
          user_sink(std::move(user)),
          ctx(source,
              user_sink ? diagnostic_sink{[this, base](const diagnostic& d) {
                diagnostic shifted = d;
                shifted.line += base;
                user_sink(shifted);
              }}
                        : diagnostic_sink{},
              o.warnings, o.rules),
          parser(ctx) {}
    tail_source source;
    diagnostic_sink user_sink;
    parse_context ctx;
    webvtt_parser parser;
    cue c;
    block b;
  };
  const char* released = nullptr;  // in place: memory before this was given back
  std::unique_ptr<tail_parse> tail;
  std::size_t tail_base = 0;  // lines before the tail
  bool ended = false;
  std::string stop_error;  // a chunk stopped at a line or block over the limit

  [[nodiscard]] bool can_start() const noexcept {
    if (stop || input_done || (!fixed && next_seq != serial_next)) return false;
    return std::any_of(slots.begin(), slots.end(), [](const slot& s) { return s.state == slot::status::free; });
  }

  void work_loop() {
    std::unique_lock lock{m};
    for (;;) {
      cv.wait(lock, [this] { return stop || can_start(); });
      if (stop) return;
      work(lock);
    }
  }

  /// Cuts the next chunk (under the lock: reads happen in input order) and parses it (without).
  void work(std::unique_lock<std::mutex>& lock) {
    auto& s = *std::find_if(slots.begin(), slots.end(), [](const slot& x) { return x.state == slot::status::free; });
    s.state = slot::status::busy;
    s.seq = next_seq++;
    s.result.clear();
    const bool first = s.seq == 0;
    if (!cut(s.input)) {
      s.result.tail = true;
      s.state = slot::status::done;
      cv.notify_all();
      return;
    }
    auto start = fixed ? *fixed : serial_state;
    lock.unlock();
    try {
      parse(s.input, first, std::move(start), s.result, start_decoding);
    } catch (const std::bad_alloc&) {  // thrown on in the consumer's thread, where a caller can catch it
      s.result.clear();
      s.result.out_of_memory = true;
    }
    lock.lock();
    s.state = slot::status::done;
    if (first && !s.result.signature) input_done = true;  // E001: nothing more is parsed
    if (!fixed) {
      if (s.result.end_state.seen_cue) fixed = s.result.end_state;
      else {
        serial_next = s.seq + 1;
        serial_state = s.result.end_state;
      }
    }
    cv.notify_all();
  }

  /// The next chunk (under the lock: chunks are cut in input order): `chunk` is a view of the
  /// input up to a blank line near the target size. False when there is no blank line within
  /// the limit: `chunk` is then all the rest, for the sequential tail.
  bool cut(std::string_view& chunk) {
    const auto target = chunk_target.load(std::memory_order_relaxed);
    const auto limit = std::max(target, chunk_limit.load(std::memory_order_relaxed));
    for (std::size_t searched = 0, size = target;; searched = size, size += target) {
      if (size >= uncut.size()) {  // the last chunk
        source.prepare(uncut.data() + uncut.size());
        chunk = uncut;
        uncut = {};
        input_done = true;
        return true;
      }
      source.prepare(uncut.data() + size);  // a mapped file: the pages at once, not by faults
      if (const auto at = last_block_boundary(uncut.substr(0, size), searched > 2 ? searched - 2 : 0)) {
        chunk = uncut.substr(0, at);
        uncut.remove_prefix(at);
        return true;
      }
      if (size >= limit) {
        chunk = uncut;  // all the rest, for the sequential tail
        uncut = {};
        input_done = true;
        return false;
      }
    }
  }

  void parse(std::string_view bytes, bool first, webvtt_parser::state start, chunk_result& r,
             text_decoding decoding_in) const {
    diagnostic_sink sink;
    if (want_diagnostics) {
      sink = [&r](const diagnostic& d) {
        if (r.diagnostics.size() < most_held_diagnostics) r.diagnostics.push_back({d, r.cues.size() + r.blocks.size()});
        else r.overflow = true;
      };
    }
    // The parse's own objects, in one heap block per chunk (see docs/performance.md: a worker
    // thread parsing at half speed, which depended on memory and code layout).
    struct state {
      state(std::string_view input, diagnostic_sink diagnostics, const parse_options& o, text_decoding d)
          : ctx(input, std::move(diagnostics), o.warnings, o.rules, d), parser(ctx) {}
      parse_context ctx;  // the reader has skipped any BOM already
      webvtt_parser parser;
      cue c;  // filled again and again: its strings keep their memory
      block b;
    };
    const auto st = std::make_unique<state>(bytes, std::move(sink), options, decoding_in);
    auto& parser = st->parser;
    if (first) {
      r.signature = parser.read_header(r.head);
      r.header_diagnostics = r.diagnostics.size();
    } else {
      parser.resume(std::move(start));
    }
    if (!first || r.signature) {
      item_kind kind{};
      while (parser.next(kind, st->c, st->b)) {
        if (kind == item_kind::cue) r.pack(st->c, parser.simple_voice());
        else r.blocks.push_back({std::move(st->b), r.cues.size()});
        if (r.overflow) break;  // read again by the consumer: the rest would be thrown away
      }
    }
    r.end_state = parser.current_state();
    r.limit_line = st->ctx.lines.limit_line();
    r.lines = st->ctx.lines.line_number();
    r.errors = st->ctx.error_count();
    r.bytes = bytes.size();
    r.decoding = st->ctx.lines.decoding();
    r.guess_line = st->ctx.lines.encoding().line;
  }

  /// A chunk parsed before the input's decoding was known: the first to decide decides for
  /// the input; one that decided otherwise is parsed again as the input is read.
  void settle_decoding(slot& s) {
    auto& r = s.result;
    if (r.tail || r.decoding == text_decoding::undecided || r.decoding == decoding) return;
    if (decoding == text_decoding::undecided) {
      decoding = r.decoding;
      if (decoding == text_decoding::windows_1252)
        encoding = {"windows-1252", input_encoding::reason::guessed, line_base + r.guess_line};
      return;
    }
    r.clear();
    parse(s.input, s.seq == 0, last_state, r, decoding);
  }

  /// The consumer: the next chunk in input order (parsing one itself while it waits), or
  /// null after the last.
  slot* next_chunk() {
    std::unique_lock lock{m};
    if (current) {
      current->state = slot::status::free;
      current = nullptr;
      cv.notify_all();
    }
    for (;;) {
      for (auto& s : slots) {
        if (s.state == slot::status::done && s.seq == consume_seq) {
          ++consume_seq;
          return &s;
        }
      }
      if (input_done && consume_seq == next_seq) return nullptr;
      if (can_start()) work(lock);
      else cv.wait(lock);
    }
  }

  void deliver(const diagnostic& d) const {
    diagnostic shifted = d;
    shifted.line += line_base;
    options.on_diagnostic(shifted);
  }

  /// Hands out the current chunk's diagnostics reported before item number `item`.
  void deliver_upto(std::size_t item) {
    if (!current) return;
    const auto& held = current->result.diagnostics;
    for (; diagnostic_at < held.size() && held[diagnostic_at].before_item <= item; ++diagnostic_at)
      deliver(held[diagnostic_at].d);
  }

  /// Moves to the next chunk: the last one's remaining diagnostics first. False at the end,
  /// or after a chunk that a line or block over the limit stopped (`stop_error`).
  bool advance() {
    if (current) {
      deliver_upto(static_cast<std::size_t>(-1));
      if (current->result.limit_line != 0) {
        stop_error = line_reader::limit_message(line_base + current->result.limit_line);
        return false;
      }
      line_base += current->result.lines;
      last_state = current->result.end_state;
    }
    slot* s = next_chunk();
    current = s;
    cue_at = block_at = diagnostic_at = 0;
    if (!s) return false;
    if (s->result.out_of_memory) throw std::bad_alloc();
    settle_decoding(*s);
    if (s->result.overflow) read_rest_in_order(*s);
    errors += s->result.errors;
    bytes_done += s->result.tail ? 0 : s->result.bytes;
    if (s->result.tail) start_tail(*s);
    if (!s->result.tail) {
      // Give back the memory of the chunks handed out before this one.
      if (!released) released = s->input.data();
      if (static_cast<std::size_t>(s->input.data() - released) >= byte_source::release_step) {
        std::lock_guard lock{m};  // the cutting thread calls source.prepare under it
        source.release(s->input.data());
        released = s->input.data();
      }
    }
    return true;
  }

  /// A chunk with more diagnostics than a worker holds: it and all the input after it are read
  /// by the sequential tail, whose diagnostics go straight to the caller; the workers stop.
  void read_rest_in_order(slot& s) {
    std::lock_guard lock{m};
    input_done = true;
    uncut = {};
    s.input = {s.input.data(), static_cast<std::size_t>(input_end - s.input.data())};
    s.result.clear();
    s.result.tail = true;
  }

  void start_tail(slot& s) {
    // The workers read no more (input_done): the source is this thread's from here on.
    tail = std::make_unique<tail_parse>(s.input, source, options, line_base, options.on_diagnostic);
    tail->ctx.lines.continue_input();  // any BOM was skipped by the reader
    tail->ctx.lines.decode_as(decoding == text_decoding::undecided ? start_decoding : decoding);
    tail_base = line_base;
    if (s.seq > 0) tail->parser.resume(last_state);
  }

  bool read_header(header& out) {
    if (!advance()) return false;                    // the first chunk always exists
    if (tail) return tail->parser.read_header(out);  // no blank line near the start
    const auto& r = current->result;
    for (; diagnostic_at < r.header_diagnostics; ++diagnostic_at) deliver(r.diagnostics[diagnostic_at].d);
    out = r.head;
    return r.signature;
  }

  bool next(item_kind& kind, cue*& c, block*& b) {
    for (;;) {
      if (ended) return false;
      if (tail) {
        if (tail->parser.next(kind, tail->c, tail->b)) {
          if (kind == item_kind::cue) {
            tail->c.line += line_base;
            if (tail->c.id_line) tail->c.id_line += line_base;
          } else {
            tail->b.line += line_base;
          }
          c = &tail->c;
          b = &tail->b;
          return true;
        }
        if (const auto at = tail->ctx.lines.limit_line(); at != 0)
          stop_error = line_reader::limit_message(tail_base + at);  // its lines count from the tail
        ended = true;
        return false;
      }
      if (current) {
        auto& r = current->result;
        const auto item = cue_at + block_at;
        if (block_at < r.blocks.size() && r.blocks[block_at].before_cue == cue_at) {
          deliver_upto(item);
          kind = item_kind::block;
          b = &r.blocks[block_at++].block;
          b->line += line_base;
          return true;
        }
        if (cue_at < r.cues.size()) {
          deliver_upto(item);
          kind = item_kind::cue;
          r.unpack(cue_at++, out_cue, line_base);
          c = &out_cue;
          return true;
        }
      }
      if (!advance()) {
        ended = true;
        return false;
      }
    }
  }
};

namespace {

/// Threads that can help parse `input_bytes`: no more than its chunks (nor 256), at least 2.
/// (An absurd count would start that many threads, and `threads + 2` slots could wrap to 0.)
unsigned useful_threads(unsigned threads, std::size_t input_bytes) {
  const std::size_t chunks = input_bytes / std::max<std::size_t>(chunk_target.load(), 1) + 1;
  return static_cast<unsigned>(std::clamp<std::size_t>(std::min<std::size_t>(threads, chunks), 2, 256));
}

}  // namespace

parallel_parser::parallel_parser(byte_source& source, std::string_view input, const parse_options& options,
                                 unsigned threads, const line_reader& lines)
    : impl_(std::make_unique<impl>(source, input, options, useful_threads(threads, input.size()), lines)) {}
parallel_parser::~parallel_parser() = default;

bool parallel_parser::read_header(header& out) { return impl_->read_header(out); }
bool parallel_parser::next(item_kind& kind, cue*& c, block*& b) { return impl_->next(kind, c, b); }

std::size_t parallel_parser::error_count() const noexcept {
  const auto& s = *impl_;
  return s.errors + (s.tail ? s.tail->ctx.error_count() : 0);
}
std::size_t parallel_parser::bytes_read() const noexcept {
  const auto& s = *impl_;
  return s.bytes_done + (s.tail ? s.tail->ctx.lines.bytes_read() : 0);
}
const std::string& parallel_parser::read_error() const noexcept {
  // An input in memory has no read errors; only the tail's source could (it has none either).
  static const std::string none;
  const auto& s = *impl_;
  if (!s.stop_error.empty()) return s.stop_error;
  return s.tail ? s.tail->ctx.lines.read_error() : none;
}

const input_encoding& parallel_parser::encoding() const noexcept {
  const auto& s = *impl_;
  if (s.tail && s.decoding == text_decoding::undecided && s.tail->ctx.lines.decoding() == text_decoding::windows_1252) {
    s.encoding = s.tail->ctx.lines.encoding();
    s.encoding.line += s.tail_base;
  }
  return s.encoding;
}

void parallel_parser::set_chunk_bytes_for_testing(std::size_t target, std::size_t max) noexcept {
  chunk_target = target;
  chunk_limit = max;
}

void parallel_parser::reset_chunk_bytes_for_testing() noexcept {
  set_chunk_bytes_for_testing(default_chunk_target, default_chunk_limit);
}

std::pair<std::size_t, std::size_t> parallel_parser::chunk_bytes_for_testing() noexcept {
  return {chunk_target.load(), chunk_limit.load()};
}

}  // namespace vttkit::detail
