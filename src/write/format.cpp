// Canonical WebVTT and the comparison with the input (see format.hpp).
#include <vttkit/format.hpp>

#include <algorithm>
#include <utility>

namespace vttkit {
namespace {

/// Compares two byte streams that arrive in pieces of any size: the input as the parser reads
/// it and the canonical output as the writer produces it. Only the part one side is ahead by
/// is kept (about the reader's and the writer's buffers), so files of any size compare in
/// bounded memory.
class stream_compare {
 public:
  enum side : int { input = 0, output = 1 };

  void feed(side from, std::string_view bytes) {
    if (differs_ || bytes.empty()) return;
    if (ahead_.size() == offset_ || ahead_side_ == from) {
      if (ahead_.size() == offset_) {
        ahead_.clear();
        offset_ = 0;
      }
      ahead_side_ = from;
      ahead_.append(bytes);
      return;
    }
    const std::string_view waiting = std::string_view{ahead_}.substr(offset_);
    const auto n = std::min(waiting.size(), bytes.size());
    if (waiting.substr(0, n) != bytes.substr(0, n)) {
      differs_ = true;
      std::string().swap(ahead_);
      return;
    }
    offset_ += n;
    bytes.remove_prefix(n);
    if (offset_ > ahead_.size() / 2) {  // drop what was matched, now and then
      ahead_.erase(0, offset_);
      offset_ = 0;
    }
    if (!bytes.empty()) {  // the other side is used up: this one is ahead now
      ahead_.assign(bytes);
      offset_ = 0;
      ahead_side_ = from;
    }
  }

  /// After both streams ended: were they the same bytes?
  [[nodiscard]] bool same() const noexcept { return !differs_ && ahead_.size() == offset_; }

 private:
  std::string ahead_;
  std::size_t offset_ = 0;
  side ahead_side_ = input;
  bool differs_ = false;
};

/// A byte source that shows what it reads to a comparer.
class compared_source final : public byte_source {
 public:
  compared_source(byte_source& in, stream_compare& cmp) : in_(in), cmp_(cmp) {}
  std::ptrdiff_t read(char* data, std::size_t size) override {
    const auto n = in_.read(data, size);
    if (n > 0) cmp_.feed(stream_compare::input, {data, static_cast<std::size_t>(n)});
    if (n < 0) error_ = in_.error();
    return n;
  }

 private:
  byte_source& in_;
  stream_compare& cmp_;
};

/// A byte sink that shows what is written to a comparer and passes it on (when there is a
/// next sink).
class compared_sink final : public byte_sink {
 public:
  compared_sink(byte_sink* next, stream_compare& cmp) : next_(next), cmp_(cmp) {}
  bool write(std::string_view bytes) override {
    cmp_.feed(stream_compare::output, bytes);
    if (next_ && !next_->write(bytes)) {
      error_ = next_->error();
      return false;
    }
    return true;
  }

 private:
  byte_sink* next_;
  stream_compare& cmp_;
};

parse_options as_webvtt(parse_options options) {
  options.format = input_format::vtt;  // canonical WebVTT is made from WebVTT only
  return options;
}

}  // namespace

struct formatter::impl {
  impl(byte_source& in, parse_options options) : source(in, cmp), reader(source, as_webvtt(std::move(options))) {}
  stream_compare cmp;
  compared_source source;
  vttkit::reader reader;
  std::string write_error;
};

formatter::formatter(byte_source& source, parse_options options)
    : impl_(std::make_unique<impl>(source, std::move(options))) {}

formatter::~formatter() = default;

bool formatter::read_header() { return impl_->reader.read_header(); }

bool formatter::write(byte_sink* out) {
  auto& s = *impl_;
  compared_sink sink{out, s.cmp};
  vttkit::writer writer{sink, {}};
  s.reader.read_header();
  writer.begin(s.reader.header());
  while (s.reader.next()) {
    if (s.reader.kind() == item_kind::cue) writer.write(s.reader.cue());
    else writer.write(s.reader.block());
    if (!writer.ok()) break;
  }
  if (writer.finish()) return true;
  s.write_error = sink.error();
  return false;
}

bool formatter::changed() const noexcept { return !impl_->cmp.same(); }

const std::string& formatter::read_error() const noexcept { return impl_->reader.read_error(); }

const std::string& formatter::write_error() const noexcept { return impl_->write_error; }

const input_encoding& formatter::encoding() const noexcept { return impl_->reader.encoding(); }

bool is_canonical(std::string_view bytes) {
  memory_source in{bytes};
  formatter f{in, {}};
  return f.write(nullptr) && !f.changed();
}

fix_outcome fix_webvtt(byte_source& input, byte_sink* out, parse_options parse, const fix_options& options,
                       const repair_sink& repairs) {
  fix_outcome result;
  stream_compare cmp;
  compared_source in{input, cmp};
  compared_sink sink{out, cmp};
  auto others = std::move(parse.on_diagnostic);
  parse.format = input_format::vtt;
  parse.recover = true;
  parse.rules = parser_rules_for_fix();
  parse.on_diagnostic = [&](const diagnostic& d) {
    if (auto r = repair_of(d)) {
      if (repairs) repairs(*r);
    } else if (others) {
      others(d);
    }
  };
  reader r{in, std::move(parse)};
  result.signature = r.read_header();
  result.read_error = r.read_error();
  result.encoding = r.encoding();
  if (!result.signature) return result;
  writer w{sink, {}};
  fixer f{options, [&](const cue& c) { w.write(c); }, [&](const block& b) { w.write(b); }, repairs};
  w.begin(f.begin(r.header()));
  while (r.next() && w.ok()) {
    if (r.kind() == item_kind::cue) f.push(r.cue());
    else f.push(r.block());
  }
  f.finish();
  if (!w.finish()) result.write_error = sink.error();
  result.changed = !cmp.same();
  result.read_error = r.read_error();
  result.encoding = r.encoding();
  return result;
}

}  // namespace vttkit
