#include "read/xml_stream.hpp"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>
#include <cstring>

#include "read/xml.hpp"
#include "util/prefetch.hpp"

namespace bp::read {
namespace {

bool name_char(char c) {
    return c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '>' && c != '/' && c != '\0';
}

// Local name of the tag whose name starts at `p` (after '<' or '</').
std::string_view tag_local_name(const char* p, const char* end) {
    const char* q = p;
    while (q < end && name_char(*q)) ++q;
    std::string_view name(p, static_cast<std::size_t>(q - p));
    auto colon = name.find(':');
    return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

// End of a start tag beginning at `p` ('<'), honouring quoted attribute
// values; npos if the buffer ends first.
std::size_t find_tag_end(std::string_view buf, std::size_t p) {
    char quote = 0;
    for (std::size_t i = p + 1; i < buf.size(); ++i) {
        char c = buf[i];
        if (quote) {
            if (c == quote) quote = 0;
        } else if (c == '"' || c == '\'') {
            quote = c;
        } else if (c == '>') {
            return i;
        }
    }
    return std::string_view::npos;
}

// Is view[pos..] the name of an end tag ("</name" or "</prefix:name")? Returns the '<'.
std::size_t end_tag_start(std::string_view view, std::size_t pos) {
    if (pos >= 2 && view[pos - 1] == '/' && view[pos - 2] == '<') return pos - 2;
    if (pos >= 1 && view[pos - 1] == ':') {
        std::size_t i = pos - 1;
        while (i > 0 && name_char(view[i - 1]) && view[i - 1] != '<') --i;
        if (i >= 2 && view[i - 1] == '/' && view[i - 2] == '<') return i - 2;
    }
    return std::string_view::npos;
}

// First end tag of `name` ("</name>") whose name starts at or after `from`, as the position of its '<'.
std::size_t find_end_tag(std::string_view view, const std::string& name_gt, std::size_t from) {
    for (std::size_t pos = view.find(name_gt, from); pos != std::string_view::npos; pos = view.find(name_gt, pos + 1))
        if (std::size_t start = end_tag_start(view, pos); start != std::string_view::npos) return start;
    return std::string_view::npos;
}

// Just past the last end tag of `name` in view whose name starts at or after `from`, or npos.
std::size_t after_last_end_tag(std::string_view view, const std::string& name_gt, std::size_t from) {
    // rfind on the whole view would search [0, from) again on every call.
    std::string_view tail = view.substr(std::min(from, view.size()));
    for (std::size_t pos = tail.rfind(name_gt); pos != std::string_view::npos; pos = pos ? tail.rfind(name_gt, pos - 1) : std::string_view::npos)
        if (end_tag_start(view, from + pos) != std::string_view::npos) return from + pos + name_gt.size();
    return std::string_view::npos;
}

// Comments, CDATA, DTDs ("<!") or processing instructions ("<?") at or after
// `from`? '!' and '?' are rare in sheet XML, so searching for them is faster than for '<'.
bool has_declaration_markup(std::string_view view, std::size_t from) {
    for (char mark : {'!', '?'})
        for (std::size_t pos = view.find(mark, from); pos != std::string_view::npos; pos = view.find(mark, pos + 1))
            if (pos > 0 && view[pos - 1] == '<') return true;
    return false;
}

}  // namespace

// Receives the bytes of complete items, [data, data + size), starting at line `first_line`.
using SinkFn = std::function<Status(char* data, std::size_t size, long first_line)>;

Status scan_part(ZipArchive& zip, const ZipEntry& entry, const StreamSpec& spec, const SinkFn& sink,
                 pugi::xml_document& frame) {
    BP_ASSIGN_OR_RETURN(ZipStream stream, zip.open(entry));
    std::string buf;
    std::string frame_text;
    long lines_before = 1;  // line number of buf[0] within the part
    bool eof = false;
    enum class Phase { head, items, tail } phase = Phase::head;
    std::size_t scan = 0;         // next byte to examine
    std::size_t batch_end = 0;    // end of the last complete item in buf
    // Fast path: buf[0, checked) was searched already and holds no markup, no
    // end of the container and no end of an item. Each byte is searched once,
    // so one element of any size costs time linear in its size.
    std::size_t checked = 0;
    // Small parts (most team workbooks) are read in one small chunk, not a zeroed 256 KiB one.
    const std::size_t chunk = std::clamp<std::size_t>(static_cast<std::size_t>(entry.size) + 64, 4u << 10,
                                                      std::max<std::size_t>(spec.batch_bytes / 4, 64u << 10));

    auto malformed = [&](std::size_t pos, const std::string& what) {
        return xml_error(zip.label(), entry.name, lines_before + line_of(buf, static_cast<std::ptrdiff_t>(pos)) - 1,
                         what);
    };
    // Large parts are inflated on a second thread while this one parses.
    Prefetcher prefetch(stream, chunk, entry.size > (4u << 20));
    auto read_more = [&]() -> Result<bool> {
        if (eof) return false;
        BP_ASSIGN_OR_RETURN(std::size_t got, prefetch.append_to(buf));
        if (got == 0) eof = true;
        return got != 0;
    };
    // Parse buf[0, upto) as a batch of items, then drop it from buf.
    auto flush = [&](std::size_t upto) -> Status {
        if (upto == 0) return Ok{};
        // Lines are counted before the sink parses the bytes in place (and rewrites them).
        long lines = static_cast<long>(std::count(buf.begin(), buf.begin() + static_cast<std::ptrdiff_t>(upto), '\n'));
        BP_TRY(sink(buf.data(), upto, lines_before));
        lines_before += lines;
        buf.erase(0, upto);
        scan = scan > upto ? scan - upto : 0;
        checked = checked > upto ? checked - upto : 0;
        batch_end = 0;
        return Ok{};
    };
    // Reads on until buf holds at least twice the bytes it holds from `from`:
    // a search restarted at `from` after each read then costs linear time
    // overall, however long the tag, comment or item being completed.
    auto read_double = [&](std::size_t from) -> Result<bool> {
        std::size_t want = buf.size() + std::max<std::size_t>(buf.size() - from, 1);
        bool any = false;
        while (buf.size() < want) {
            BP_ASSIGN_OR_RETURN(bool more, read_more());
            if (!more) break;
            any = true;
        }
        return any;
    };

    // Rows hold no comments, CDATA or processing instructions in practice: then
    // item boundaries are found by searching for end tags alone. The precise
    // tag-by-tag scanner takes over for the rest of a part that has any.
    const std::string item_gt = std::string(spec.item) + ">", container_gt = std::string(spec.container) + ">";
    const std::size_t k_overlap = std::max(item_gt.size(), container_gt.size()) + 1;
    bool precise = false;
    for (;;) {
        if (phase == Phase::items && !precise) {
            while (!eof && buf.size() < spec.batch_bytes) BP_TRY(read_more());
            std::string_view view(buf);
            // A name or "<!" cut by the last read is searched again from its start.
            std::size_t from = checked > k_overlap ? checked - k_overlap : 0;
            if (has_declaration_markup(view, from)) {
                precise = true;
                scan = 0;
                continue;
            }
            if (std::size_t end = find_end_tag(view, container_gt, from); end != std::string_view::npos) {
                BP_TRY(flush(end));
                phase = Phase::tail;
                continue;
            }
            if (eof) return malformed(buf.size(), "unexpected end of data: <" + std::string(spec.container) + "> is never closed");
            std::size_t last = after_last_end_tag(view, item_gt, from);
            checked = buf.size();
            if (last == std::string_view::npos) {
                BP_TRY(read_more());  // no complete item yet (a very long row): read on
                continue;
            }
            BP_TRY(flush(last));
            continue;
        }
        if (frame_text.size() + buf.size() > dom_limit(zip.limits()) && phase != Phase::items)
            return make_error(Errc::too_large,
                              "looks like a zip bomb: part " + entry.name + " has more than " +
                                  std::to_string(dom_limit(zip.limits()) >> 20) +
                                  " MiB outside its rows; if the workbook is genuine, raise the limit with --max-part-mb",
                              {zip.label(), entry.name});
        if (phase == Phase::tail) {
            frame_text += buf;
            buf.clear();
            scan = 0;
            BP_ASSIGN_OR_RETURN(bool more, read_more());
            if (!more) break;
            continue;
        }
        // Find the next '<' from scan.
        const char* base = buf.data();
        const void* lt = scan < buf.size() ? std::memchr(base + scan, '<', buf.size() - scan) : nullptr;
        if (!lt) {
            if (phase == Phase::items && batch_end >= spec.batch_bytes) BP_TRY(flush(batch_end));
            if (phase == Phase::head && buf.size() > (64u << 20))
                return malformed(scan, "no <" + std::string(spec.container) + "> within 64 MiB");
            scan = buf.size();
            BP_ASSIGN_OR_RETURN(bool more, read_more());
            if (!more) break;
            continue;
        }
        std::size_t p = static_cast<std::size_t>(static_cast<const char*>(lt) - base);
        std::string_view view(buf);
        // Markup that may hide '<' or '>': comments, CDATA, PIs, DTD.
        auto skip_to = [&](std::string_view terminator, std::size_t from) -> std::size_t {
            return view.find(terminator, from);
        };
        if (p + 9 > buf.size() && !eof) {  // need a few bytes to classify the tag
            scan = p;
            BP_ASSIGN_OR_RETURN(bool more, read_more());
            if (!more) scan = p;  // eof: classify with what we have
            continue;
        }
        std::size_t next = 0;
        bool need_more = false;
        if (view.compare(p, 4, "<!--") == 0) {
            std::size_t e = skip_to("-->", p + 4);
            if (e == std::string_view::npos) need_more = true; else next = e + 3;
        } else if (view.compare(p, 9, "<![CDATA[") == 0) {
            std::size_t e = skip_to("]]>", p + 9);
            if (e == std::string_view::npos) need_more = true; else next = e + 3;
        } else if (view.compare(p, 2, "<?") == 0) {
            std::size_t e = skip_to("?>", p + 2);
            if (e == std::string_view::npos) need_more = true; else next = e + 2;
        } else if (view.compare(p, 2, "<!") == 0) {
            return make_error(Errc::bad_xml,
                              "contains a DTD (<!DOCTYPE>), which workbooks never have; refusing to read it "
                              "(it may be an entity-expansion attack): save the workbook again from Excel",
                              {zip.label(), entry.name});
        } else if (view.compare(p, 2, "</") == 0) {
            std::size_t e = view.find('>', p + 2);
            if (e == std::string_view::npos) {
                need_more = true;
            } else {
                next = e + 1;
                std::string_view local = tag_local_name(base + p + 2, base + e);
                if (phase == Phase::items) {
                    if (local == spec.item) {
                        batch_end = next;
                    } else if (local == spec.container) {
                        BP_TRY(flush(p));  // everything before </container> are items
                        phase = Phase::tail;
                        continue;  // tail copies buf from 0 (starts at </container>)
                    }
                }
            }
        } else {
            std::size_t e = find_tag_end(view, p);
            if (e == std::string_view::npos) {
                need_more = true;
            } else {
                next = e + 1;
                bool self_closing = buf[e - 1] == '/';
                std::string_view local = tag_local_name(base + p + 1, base + e);
                if (phase == Phase::head && local == spec.container) {
                    frame_text.append(buf.data(), next);
                    lines_before += static_cast<long>(std::count(buf.begin(), buf.begin() + static_cast<std::ptrdiff_t>(next), '\n'));
                    buf.erase(0, next);
                    scan = 0;
                    batch_end = 0;
                    phase = self_closing ? Phase::tail : Phase::items;
                    continue;
                }
                if (phase == Phase::items && self_closing && local == spec.item) batch_end = next;
            }
        }
        if (need_more) {
            scan = p;
            BP_ASSIGN_OR_RETURN(bool more, read_double(p));
            if (!more) return malformed(buf.size(), "unexpected end of data");
            continue;
        }
        scan = next;
        if (phase == Phase::items && batch_end >= spec.batch_bytes) BP_TRY(flush(batch_end));
    }
    if (phase == Phase::items) return malformed(buf.size(), "unexpected end of data: <" + std::string(spec.container) + "> is never closed");
    if (phase == Phase::head) frame_text += buf;  // no container at all: the whole part is the frame
    return parse_xml(std::move(frame_text), frame, zip.label(), entry.name);
}

namespace {

// Parses a batch in place; a malformed one is reported at its line in the part.
Status parse_batch(pugi::xml_document& doc, char* data, std::size_t size, long first_line, const ZipArchive& zip,
                   const ZipEntry& entry) {
    long lines_to_error = 0;
    BP_TRY(check_dom_tags(std::string_view(data, size), zip.label(), entry.name));
    pugi::xml_parse_result r = doc.load_buffer_inplace(data, size, k_parse_flags | pugi::parse_fragment);
    if (r) return Ok{};
    lines_to_error = static_cast<long>(std::count(data, data + std::min<std::ptrdiff_t>(r.offset, static_cast<std::ptrdiff_t>(size)), '\n'));
    return xml_error(zip.label(), entry.name, first_line + lines_to_error, r.description());
}

struct OwnedBatch {
    std::string text;
    pugi::xml_document doc;
    long first_line = 0;
};

// Parsed batches from the scanning thread to the decoding one: one waits while
// one is decoded and one parsed, so memory stays at three small batches.
class BatchQueue {
public:
    std::unique_ptr<OwnedBatch> spare() {
        std::lock_guard<std::mutex> lock(m_mutex);
        if (m_spare.empty()) return std::make_unique<OwnedBatch>();
        auto b = std::move(m_spare.back());
        m_spare.pop_back();
        return b;
    }
    Status push(std::unique_ptr<OwnedBatch> b) {
        std::unique_lock<std::mutex> lock(m_mutex);
        m_changed.wait(lock, [this] { return m_stop || m_ready.empty(); });
        if (m_stop) return make_error(Errc::io, "stopped");
        m_ready.push_back(std::move(b));
        m_changed.notify_all();
        return Ok{};
    }
    std::unique_ptr<OwnedBatch> pop() {
        std::unique_lock<std::mutex> lock(m_mutex);
        m_changed.wait(lock, [this] { return !m_ready.empty() || m_done; });
        if (m_ready.empty()) return nullptr;
        auto b = std::move(m_ready.front());
        m_ready.pop_front();
        m_changed.notify_all();
        return b;
    }
    void recycle(std::unique_ptr<OwnedBatch> b) {
        b->doc.reset();
        std::lock_guard<std::mutex> lock(m_mutex);
        m_spare.push_back(std::move(b));
    }
    void finish(Status s) {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_status = std::move(s);
        m_done = true;
        m_changed.notify_all();
    }
    void stop() {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_stop = true;
        m_changed.notify_all();
    }
    Status status() {
        std::lock_guard<std::mutex> lock(m_mutex);
        return m_status;
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<std::unique_ptr<OwnedBatch>> m_ready;
    std::vector<std::unique_ptr<OwnedBatch>> m_spare;
    Status m_status = Ok{};
    bool m_done = false, m_stop = false;
};

}  // namespace

Status stream_part(ZipArchive& zip, const ZipEntry& entry, const StreamSpec& spec, const BatchFn& on_batch,
                   pugi::xml_document& frame) {
    if (entry.size <= (4u << 20)) {
        // Small parts: parse each batch in place and hand it over at once.
        pugi::xml_document batch;
        return scan_part(zip, entry, spec,
                         [&](char* data, std::size_t size, long first_line) -> Status {
                             BP_TRY(parse_batch(batch, data, size, first_line, zip, entry));
                             Status s = on_batch(batch, first_line);
                             batch.reset();  // the DOM points into the buffer, which moves next
                             return s;
                         },
                         frame);
    }
    // Large parts: this thread decodes batch n while a second scans and
    // parses batch n+1 (and a third inflates ahead of it).
    BatchQueue queue;
    StreamSpec small = spec;
    small.batch_bytes = std::max<std::size_t>(spec.batch_bytes / 4, 64u << 10);
    std::thread scanner([&] {
        Status s = scan_part(zip, entry, small,
                             [&](char* data, std::size_t size, long first_line) -> Status {
                                 auto b = queue.spare();
                                 b->text.assign(data, size);
                                 b->first_line = first_line;
                                 BP_TRY(parse_batch(b->doc, b->text.data(), b->text.size(), first_line, zip, entry));
                                 return queue.push(std::move(b));
                             },
                             frame);
        queue.finish(std::move(s));
    });
    Status result = Ok{};
    while (auto b = queue.pop()) {
        if (result) {
            result = on_batch(b->doc, b->first_line);
            if (!result) queue.stop();
        }
        queue.recycle(std::move(b));
    }
    scanner.join();
    if (!result) return result;
    return queue.status();
}

}  // namespace bp::read
