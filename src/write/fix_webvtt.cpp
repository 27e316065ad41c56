// `vtt fix` from bytes to bytes: the recovering parse, the fixer and the WebVTT writer.
#include <utility>

#include <vttkit/format.hpp>

namespace vttkit {

fix_outcome fix_webvtt(byte_source& in, byte_sink& out, parse_options parse, const fix_options& options,
                       const repair_sink& repairs) {
  fix_outcome result;
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
  writer w{out, {}};
  fixer f{options, [&](const cue& c) { w.write(c); }, [&](const block& b) { w.write(b); }, repairs};
  w.begin(f.begin(r.header()));
  while (r.next() && w.ok()) {
    if (r.kind() == item_kind::cue) f.push(r.cue());
    else f.push(r.block());
  }
  f.finish();
  if (!w.finish()) result.write_error = out.error();
  result.read_error = r.read_error();
  result.encoding = r.encoding();
  return result;
}

}  // namespace vttkit
