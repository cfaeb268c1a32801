#include "pdf/document.hpp"

#include "pdf/archival.hpp"
#include "pdf/dot_form.hpp"
#include "pdf/font_cmap.hpp"
#include "pdf/font_fallback.hpp"
#include "pdf/font_streams.hpp"
#include "pdf/object_streams.hpp"
#include "pdf/page_content.hpp"
#include "pdf/page_deflater.hpp"
#include "pdf/tagging.hpp"
#include "util/clock.hpp"

#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_font.h>
#include <hpdf_fontdef.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <future>
#include <optional>
#include <set>
#include <map>
#include <memory>
#include <unordered_map>
#include <vector>

#include <fmt/format.h>

namespace bp::pdf {

namespace {

// Page contents at libdeflate's level 1, its fastest: on the 249-page bench report's 5.4 MB of
// them about 20 ms less of a core than level 4 (34 against 55 ms on the 6.5 MB they were), for a
// PDF 4.5% larger (2.14 to 2.24 MB; level 3 2.17, level 2 2.21). The deflating shares the two
// cores with the scorecard, summary.json and the report's own save: the build was 0.974x
// the wall time at level 1 (41 interleaved pairs). libharu's own zlib took longer than level 6.
constexpr int k_page_level = 1;

HPDF_REAL real(double v) { return static_cast<HPDF_REAL>(v); }

struct ErrorState {
    HPDF_STATUS error_no = 0, detail_no = 0;
};

// libharu's error callback: keep the first error; the step that caused it is
// reported by the check that follows it.
void on_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void* user_data) noexcept {
    auto* state = static_cast<ErrorState*>(user_data);
    if (state->error_no == 0) {
        state->error_no = error_no;
        state->detail_no = detail_no;
    }
}

const char* describe(HPDF_STATUS e) {
    switch (e) {
    case HPDF_FILE_OPEN_ERROR: return "cannot open the file";
    case HPDF_FILE_IO_ERROR: return "cannot read or write the file";
    case HPDF_FAILD_TO_ALLOC_MEM: return "out of memory";
    case HPDF_TTF_INVALID_FOMAT: return "not a TrueType font";
    case HPDF_TTF_INVALID_CMAP: return "the font has no Unicode character map";
    case HPDF_TTF_MISSING_TABLE: return "the font lacks a required table";
    case HPDF_TTF_CANNOT_EMBEDDING_FONT: return "the font's licence forbids embedding";
    case HPDF_INVALID_PNG_IMAGE: return "not a PNG image libharu can read";
    case HPDF_LIBPNG_ERROR: return "libpng could not read the image";
    case HPDF_UNSUPPORTED_JPEG_FORMAT: return "an unsupported JPEG format";
    case HPDF_INVALID_JPEG_DATA: return "not a JPEG image";
    case HPDF_PAGE_INVALID_SIZE: return "invalid page size";
    default: return "libharu error";
    }
}

bool file_exists(const std::string& path) {
    std::error_code ec;
    return std::filesystem::is_regular_file(path, ec);
}

// libharu's ToUnicode CMap for its UTF-8 encoder is an Identity CMap written
// with cidrange operators, which poppler rejects. The codes it writes are
// the UTF-16 code units themselves, so the right map is the identity as
// bfranges (surrogates excluded, at most 100 entries a block).
std::string identity_to_unicode_cmap() {
    std::vector<std::string> ranges;
    for (unsigned hi = 0; hi < 256; ++hi)
        if (hi < 0xD8 || hi > 0xDF) ranges.push_back(fmt::format("<{0:02X}00> <{0:02X}FF> <{0:02X}00>\n", hi));
    std::string out =
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
        "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n";
    for (std::size_t i = 0; i < ranges.size(); i += 100) {
        std::size_t n = std::min<std::size_t>(100, ranges.size() - i);
        out += fmt::format("{} beginbfrange\n", n);
        for (std::size_t k = 0; k < n; ++k) out += ranges[i + k];
        out += "endbfrange\n";
    }
    out += "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";
    return out;
}

HPDF_Date pdf_date(std::time_t t) {
    std::tm tm{};
    gmtime_r(&t, &tm);
    HPDF_Date d{};
    d.year = tm.tm_year + 1900;
    d.month = tm.tm_mon + 1;
    d.day = tm.tm_mday;
    d.hour = tm.tm_hour;
    d.minutes = tm.tm_min;
    d.seconds = tm.tm_sec;
    d.ind = 'Z';
    return d;
}

// The caller states the time (the pack's build time); 0 means the build clock.
std::time_t creation_time(std::time_t given) { return given != 0 ? given : build_time(); }

}  // namespace

const std::vector<FontFiles>& font_search_order() {
    static const std::vector<FontFiles> order = {
        {"/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"},
        {"/usr/share/fonts/dejavu/DejaVuSans.ttf", "/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf"},
        {"/usr/share/fonts/TTF/DejaVuSans.ttf", "/usr/share/fonts/TTF/DejaVuSans-Bold.ttf"},
        {"/usr/local/share/fonts/DejaVuSans.ttf", "/usr/local/share/fonts/DejaVuSans-Bold.ttf"},
        {"/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf",
         "/usr/share/fonts/truetype/liberation2/LiberationSans-Bold.ttf"},
        {"/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
         "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf"},
    };
    return order;
}

Result<FontFiles> find_fonts(const std::string& regular, const std::string& bold) {
    if (!regular.empty() || !bold.empty()) {
        FontFiles f{regular.empty() ? bold : regular, bold.empty() ? regular : bold};
        for (const auto& p : {f.regular, f.bold})
            if (!file_exists(p)) return make_error(Errc::io, fmt::format("font file '{}' not found", p), {p});
        return f;
    }
    for (const auto& f : font_search_order())
        if (file_exists(f.regular) && file_exists(f.bold)) return f;
    return make_error(Errc::io,
                      "no TrueType font found for the PDF report: install DejaVu Sans (Debian: fonts-dejavu-core) "
                      "or name a font file with 'font =' in the report template");
}

constexpr std::int32_t k_not_asked = -1, k_not_whole = -2;
template <class T>
constexpr std::array<T, 128> filled(T v) {
    std::array<T, 128> a{};
    a.fill(v);
    return a;
}

struct Document::Impl {
    HPDF_Doc doc = nullptr;
    ErrorState err;
    HPDF_Font fonts[2] = {nullptr, nullptr};
    double ascents[2] = {0.93, 0.93}, descents[2] = {0.24, 0.24};
    mutable std::unordered_map<char32_t, double> advance[2];  // per 1000 units of size
    mutable std::array<double, 128> ascii_advance[2] = {filled(-1.0), filled(-1.0)};  // the same for ASCII; -1 not yet asked
    // The same as whole units where they are (k_not_whole: a fallback font's scaled advance).
    mutable std::array<std::int32_t, 128> ascii_whole[2] = {filled(k_not_asked), filled(k_not_asked)};
    std::map<std::string, HPDF_Image> images;
    std::vector<HPDF_Page> pages;  // as rendered, for their contents to be stored at save
    std::unique_ptr<PageDeflater> deflater;  // each page's content stream (page_content.hpp), deflated as painted
    mutable FontChain chain{nullptr, {}};  // the fallback fonts, for what fonts[] lack (asked while measuring)
    // Tagged: the structure tree, written at save into object streams, and the document ID.
    bool tagged = false;
    StructureTree tree;
    bool packed_while_saving = false;
    std::string id;

    ~Impl() {
        if (doc) HPDF_Free(doc);
    }

    Status check(std::string_view step, const std::string& file = {}) {
        if (err.error_no == 0) return Ok{};
        auto e = make_error(Errc::output,
                            fmt::format("PDF: {} failed: {} (libharu error 0x{:04X}, detail {})", step,
                                        describe(err.error_no), static_cast<unsigned>(err.error_no),
                                        static_cast<unsigned>(err.detail_no)),
                            {file});
        err = {};
        HPDF_ResetError(doc);
        return e;
    }

    Status load_font(int slot, const std::string& path) {
        const char* name = HPDF_LoadTTFontFromFile(doc, path.c_str(), HPDF_TRUE);
        BP_TRY(check(fmt::format("loading font '{}'", path), path));
        index_character_map(HPDF_GetFontDef(doc, name));  // before GetFont asks it for all 65,536 characters
        HPDF_Font font = HPDF_GetFont(doc, name, "UTF-8");
        BP_TRY(check(fmt::format("loading font '{}'", path), path));
        fix_to_unicode(font);
        BP_TRY(check("writing the font's ToUnicode map"));
        deflate_font_streams_ourselves(font);
        fonts[slot] = font;
        ascents[slot] = HPDF_Font_GetAscent(font) / 1000.0;
        descents[slot] = -HPDF_Font_GetDescent(font) / 1000.0;
        return Ok{};
    }

    void fix_to_unicode(HPDF_Font font) {
        if (auto* cmap = static_cast<HPDF_Dict>(HPDF_Dict_GetItem(font, "ToUnicode", HPDF_OCLASS_DICT));
            cmap && cmap->stream) {
            for (const char* key : {"Type", "CMapName", "CIDSystemInfo", "WMode"}) HPDF_Dict_RemoveElement(cmap, key);
            HPDF_MemStream_FreeData(cmap->stream);
            HPDF_Stream_WriteStr(cmap->stream, identity_to_unicode_cmap().c_str());
        }
    }

    double char_advance(int slot, char32_t cp, std::string_view bytes) const {
        auto it = advance[slot].find(cp);
        if (it != advance[slot].end()) return it->second;
        // A character the font lacks is measured in the fallback font that draws it (font_fallback.hpp).
        if (int f = chain.font_for(slot, cp); f != k_main_font) {
            if (f != k_no_font) return advance[slot][cp] = chain.advance(f, cp);
            bytes = chain.replacement(slot);
        }
        HPDF_TextWidth tw = HPDF_Font_TextWidth(fonts[slot], reinterpret_cast<const HPDF_BYTE*>(bytes.data()),
                                                static_cast<HPDF_UINT>(bytes.size()));
        return advance[slot][cp] = tw.width;
    }
};

Document::Document(std::unique_ptr<Impl> impl) : m(std::move(impl)) {}
Document::~Document() = default;

Result<std::unique_ptr<Document>> Document::create(const FontFiles& files) {
    auto impl = std::make_unique<Impl>();
    impl->doc = HPDF_New(on_error, &impl->err);
    if (!impl->doc) return make_error(Errc::output, "PDF: cannot create a document (out of memory)");
    // Page contents are deflated by PageDeflater, the fonts' streams by font_streams, the rest by libharu.
    HPDF_SetCompressionMode(impl->doc, HPDF_COMP_IMAGE | HPDF_COMP_METADATA);
    HPDF_UseUTFEncodings(impl->doc);
    HPDF_SetCurrentEncoder(impl->doc, "UTF-8");
    BP_TRY(impl->check("setting up UTF-8 text"));
    Impl* self = impl.get();
    impl->chain = FontChain(impl->doc, {[self] {
                                            bool failed = self->err.error_no != 0;
                                            self->err = {};
                                            HPDF_ResetError(self->doc);
                                            return failed;
                                        },
                                        [self](const char* name) {
                                            HPDF_Font font = HPDF_GetFont(self->doc, name, "UTF-8");
                                            if (font) self->fix_to_unicode(font);
                                            deflate_font_streams_ourselves(font);
                                            return font;
                                        }});
    BP_TRY(impl->load_font(0, files.regular));
    if (files.bold == files.regular) {
        impl->fonts[1] = impl->fonts[0];
        impl->ascents[1] = impl->ascents[0];
        impl->descents[1] = impl->descents[0];
    } else {
        BP_TRY(impl->load_font(1, files.bold));
    }
    for (int slot : {0, 1}) impl->chain.set_main(slot, impl->fonts[slot]);
    if (!files.fallback.empty()) BP_TRY(impl->chain.add_named(files.fallback));
    return std::unique_ptr<Document>(new Document(std::move(impl)));
}

double Document::width(std::string_view text, FontStyle style, double size) const {
    int slot = style == FontStyle::bold ? 1 : 0;
    auto& ascii = m->ascii_advance[slot];
    // ASCII advances are whole font units (libharu's widths): summed as integers while the text
    // is ASCII, which the processor adds without waiting on the last sum, to the same total.
    std::int64_t whole_units = 0;
    std::size_t i = 0;
    auto& whole = m->ascii_whole[slot];
    for (; i < text.size(); ++i) {
        auto b = static_cast<unsigned char>(text[i]);
        if (b >= 0x80) break;
        if (whole[b] == k_not_asked) {
            if (ascii[b] < 0) ascii[b] = m->char_advance(slot, b, text.substr(i, 1));
            whole[b] = ascii[b] == std::floor(ascii[b]) ? static_cast<std::int32_t>(ascii[b]) : k_not_whole;
        }
        if (whole[b] == k_not_whole) break;  // a fallback font's scaled advance: summed as before
        whole_units += whole[b];
    }
    double units = static_cast<double>(whole_units);
    while (i < text.size()) {
        auto b = static_cast<unsigned char>(text[i]);
        if (b < 0x80) {  // nearly all report text: one table lookup, no decoding, no hashing
            if (ascii[b] < 0) ascii[b] = m->char_advance(slot, b, text.substr(i, 1));
            units += ascii[b];
            ++i;
            continue;
        }
        Utf8Char u = decode_utf8(text, i);
        std::size_t n = std::max<std::size_t>(u.length, 1);
        units += m->char_advance(slot, u.cp, text.substr(i, n));
        i += n;
    }
    return units * size / 1000.0;
}

double Document::ascent(FontStyle style) const { return m->ascents[style == FontStyle::bold ? 1 : 0]; }
double Document::descent(FontStyle style) const { return m->descents[style == FontStyle::bold ? 1 : 0]; }

Result<ImageSize> Document::load_image(const std::string& path) {
    auto it = m->images.find(path);
    if (it == m->images.end()) {
        std::ifstream in(path, std::ios::binary);
        char magic[4] = {};
        in.read(magic, 4);
        HPDF_Image image = nullptr;
        if (std::string_view(magic, 4) == "\x89PNG")
            image = HPDF_LoadPngImageFromFile(m->doc, path.c_str());
        else if (static_cast<unsigned char>(magic[0]) == 0xFF && static_cast<unsigned char>(magic[1]) == 0xD8)
            image = HPDF_LoadJpegImageFromFile(m->doc, path.c_str());
        else
            return make_error(Errc::bad_value, "logo is neither a PNG nor a JPEG image", {path});
        BP_TRY(m->check("loading image", path));
        if (!image) return make_error(Errc::bad_value, "cannot read the logo image", {path});
        it = m->images.emplace(path, image).first;
    }
    return ImageSize{static_cast<double>(HPDF_Image_GetWidth(it->second)),
                     static_cast<double>(HPDF_Image_GetHeight(it->second))};
}

namespace {

// The ASCII characters already marked used in each font's subset, for the document.
using AsciiMarks = std::array<std::array<bool, 128>, 2>;

// Draws one page's ops; `y` in the display list runs down from the top.
class PagePainter {
public:
    PagePainter(HPDF_Page page, PageContent& content, double height, const HPDF_Font* fonts,
                const std::map<std::string, HPDF_Image>& images, FontChain& chain, AsciiMarks& marked, DotForm& dots)
        : m_page(page), m_content(content), m_h(height), m_fonts(fonts), m_images(images), m_chain(chain), m_marked(marked),
          m_dots(dots) {}

    void operator()(const TextOp& t) { text(t, {}); }
    void text(const TextOp& t, std::string_view after) {
        begin_text();
        int slot = t.style.font == FontStyle::bold ? 1 : 0;
        if (slot != m_font || t.style.size != m_size) {
            set_font(m_fonts[slot], real(t.style.size));
            m_font = slot;
            m_size = t.style.size;
        }
        fill(t.style.color);
        const std::string spaced = after.empty() ? std::string{} : t.text + std::string(after);
        const std::string& text = after.empty() ? t.text : spaced;
        if (all_ascii(text)) ascii_text_out(slot, real(t.x), real(m_h - t.baseline), text);
        else m_chain.show_text(m_page, slot, m_fonts[slot], t.style.size, t.x, m_h - t.baseline, text);
    }
    // HPDF_Page_TextOut's bytes for ASCII text (see operator_line): libharu's own call costs some
    // 10,000 instructions (it also measures the text again through the font's character map),
    // about a tenth of a 200-workbook build. "x y Td" relative to the line start, the text as
    // big-endian UTF-16 code units in hex (the Identity-H encoding of libharu's UTF-8 fonts), each
    // character marked used in the font's subset as libharu's measuring marks it. Other matrices
    // than the identity go to libharu.
    void ascii_text_out(int slot, HPDF_REAL xpos, HPDF_REAL ypos, std::string_view text) {
        const HPDF_TransMatrix& m = attr()->text_matrix;
        if (m.a != 1 || m.b != 0 || m.c != 0 || m.d != 1 || attr()->gmode != HPDF_GMODE_TEXT_OBJECT) {
            HPDF_Page_TextOut(m_page, xpos, ypos, std::string(text).c_str());
            return;
        }
        for (char ch : text) {
            auto c = static_cast<unsigned char>(ch);
            if (m_marked[slot][c]) continue;
            HPDF_Font_TextWidth(m_fonts[slot], &c, 1);  // marks the glyph for the subset
            m_marked[slot][c] = true;
        }
        HPDF_REAL x = xpos - m.x, y = ypos - m.y;
        operator_line({x, y}, "Td");
        attr()->text_matrix.x += x;
        attr()->text_matrix.y += y;
        attr()->text_pos = {attr()->text_matrix.x, attr()->text_matrix.y};  // libharu then adds the width: nothing here reads it
        if (text.empty()) return;  // libharu writes no Tj for text of no width
        // Each character's two-byte code (high byte 0 for ASCII) in a literal string: half
        // the bytes of libharu's hex form, which was almost half of every page's content.
        static constexpr std::string_view k_show = ") Tj\012";
        std::string& out = m_scratch;
        out.resize(1 + 3 * text.size() + k_show.size());  // at most a byte, an escape and the character
        char* p = out.data();
        *p++ = '(';
        for (char ch : text) {
            *p++ = '\0';
            // A reader turns a bare CR or CR LF in a string into LF: line ends are escaped too.
            if (ch == '(' || ch == ')' || ch == '\\' || ch == '\r' || ch == '\n') *p++ = '\\';
            *p++ = ch == '\r' ? 'r' : ch == '\n' ? 'n' : ch;
        }
        p = std::copy(k_show.begin(), k_show.end(), p);
        out.resize(static_cast<std::size_t>(p - out.data()));
        write(out);
    }
    void operator()(const RectOp& r) {
        end_text();
        if (r.fill) fill(*r.fill);
        if (r.stroke) stroke(*r.stroke, r.line_width);
        HPDF_REAL y = real(m_h - r.box.y - r.box.h);
        operator_line({real(r.box.x), y, real(r.box.w), real(r.box.h)}, "re");
        start_path(real(r.box.x), y);
        end_path(r.fill && r.stroke ? "B" : r.fill ? "f" : r.stroke ? "S" : "n");
    }
    void operator()(const LineOp& l) {
        if (l.points.size() < 2) return;
        end_text();
        stroke(l.color, l.width);
        static const HPDF_UINT16 dash[] = {2, 2};
        if (l.dashed) HPDF_Page_SetDash(m_page, dash, 2, 0);
        polyline(l.points);
        end_path("S");
        if (l.dashed) HPDF_Page_SetDash(m_page, nullptr, 0, 0);
    }
    void operator()(const CircleOp& c) {
        end_text();
        fill(c.fill);
        const char* dot = m_dots.name_on(m_page);
        if (!dot) {
            circle(real(c.centre.x), real(m_h - c.centre.y), real(c.radius));
            return end_path("f");
        }
        write("q\012");
        operator_line({real(c.radius), 0, 0, real(c.radius), real(c.centre.x), real(m_h - c.centre.y)}, "cm");
        std::string& out = m_scratch;
        out.assign(1, '/');
        out += dot;
        out += " Do\012Q\012";
        write(out);
    }
    void operator()(const PolygonOp& p) {
        if (p.points.size() < 3) return;
        end_text();
        fill(p.fill);
        polyline(p.points);
        operator_line({}, "h");
        attr()->cur_pos = attr()->str_pos;
        end_path("f");
    }
    void operator()(const ImageOp& i) {
        auto it = m_images.find(i.path);
        if (it == m_images.end()) return;
        end_text();
        HPDF_Page_DrawImage(m_page, it->second, real(i.box.x), real(m_h - i.box.y - i.box.h), real(i.box.w),
                            real(i.box.h));
    }
    void begin_text() {
        if (m_in_text) return;
        m_in_text = true;  // the font and size (text state) hold from one text object to the next
        if (attr()->gmode != HPDF_GMODE_PAGE_DESCRIPTION) return (void)HPDF_Page_BeginText(m_page);  // libharu reports it
        m_content.write("BT\012");
        attr()->gmode = HPDF_GMODE_TEXT_OBJECT;
        attr()->text_pos = HPDF_Point{0, 0};
        attr()->text_matrix = HPDF_TransMatrix{1, 0, 0, 1, 0, 0};
    }
    void end_text() {
        if (!m_in_text) return;
        m_in_text = false;
        if (attr()->gmode != HPDF_GMODE_TEXT_OBJECT) return (void)HPDF_Page_EndText(m_page);  // libharu reports it
        m_content.write("ET\012");
        attr()->text_pos = HPDF_Point{0, 0};
        attr()->gmode = HPDF_GMODE_PAGE_DESCRIPTION;
    }

private:
    // libharu's text, path, circle and colour operators, their bytes written into the page's own
    // buffer (PageContent; each libharu call zeroes a 512-byte buffer byte by byte per number), and
    // the state libharu keeps for them kept as it keeps it.
    HPDF_PageAttr attr() const { return static_cast<HPDF_PageAttr>(m_page->attr); }
    void write(std::string_view bytes) { m_content.write(bytes); }
    // "n1 n2 ... op", numbers as libharu writes them (format_real).
    void operator_line(std::initializer_list<HPDF_REAL> numbers, std::string_view op) {
        char line[8 * (k_max_real_chars + 1) + 8];  // made in place: most page operators are these
        char* p = line;
        for (HPDF_REAL v : numbers) {
            if (p + k_max_real_chars + 1 > std::end(line)) {  // more numbers than any operator of ours has
                write(std::string_view(line, static_cast<std::size_t>(p - line)));
                p = line;
            }
            p = format_real(p, v);
            *p++ = ' ';
        }
        if (p + op.size() + 1 <= std::end(line)) {  // the operator too: one write for the line
            p = std::copy(op.begin(), op.end(), p);
            *p++ = '\012';
            return write(std::string_view(line, static_cast<std::size_t>(p - line)));
        }
        write(std::string_view(line, static_cast<std::size_t>(p - line)));
        write(op);
        write("\012");
    }
    // HPDF_Page_SetFontAndSize's bytes and state: "/F1 9 Tf", the font named in the page's resources.
    void set_font(HPDF_Font font, HPDF_REAL size) {
        const char* name = size > 0 && size <= HPDF_MAX_FONTSIZE ? HPDF_Page_GetLocalFontName(m_page, font) : nullptr;
        if (!name) return (void)HPDF_Page_SetFontAndSize(m_page, font, size);  // libharu reports it
        std::string& out = m_scratch;
        out.assign(1, '/');
        out += name;
        out += ' ';
        append_real(out, size);
        out += " Tf\012";
        write(out);
        attr()->gstate->font = font;
        attr()->gstate->font_size = size;
        attr()->gstate->writing_mode = static_cast<HPDF_FontAttr>(font->attr)->writing_mode;
    }
    // HPDF_Page_Circle's bytes: four Bezier quarters, in its float arithmetic.
    void circle(HPDF_REAL x, HPDF_REAL y, HPDF_REAL ray) {
        constexpr HPDF_REAL kappa = 0.552F;
        const HPDF_REAL k = ray * kappa;
        const HPDF_REAL quarters[4][6] = {{x - ray, y + k, x - k, y + ray, x, y + ray},
                                          {x + k, y + ray, x + ray, y + k, x + ray, y},
                                          {x + ray, y - k, x + k, y - ray, x, y - ray},
                                          {x - k, y - ray, x - ray, y - k, x - ray, y}};
        std::string& out = m_scratch;
        out.clear();
        append_real(out, x - ray);
        out += ' ';
        append_real(out, y);
        out += " m\012";
        for (const auto& q : quarters) {
            for (int i = 0; i < 6; ++i) {
                append_real(out, q[i]);
                out += i < 5 ? " " : " c\012";
            }
        }
        write(out);
        start_path(x - ray, y);
    }
    void start_path(HPDF_REAL x, HPDF_REAL y) {
        attr()->cur_pos = attr()->str_pos = HPDF_Point{x, y};
        attr()->gmode = HPDF_GMODE_PATH_OBJECT;
    }
    void polyline(const std::vector<Point>& points) {
        HPDF_REAL x = real(points[0].x), y = real(m_h - points[0].y);
        operator_line({x, y}, "m");
        start_path(x, y);
        for (std::size_t i = 1; i < points.size(); ++i) {
            x = real(points[i].x), y = real(m_h - points[i].y);
            operator_line({x, y}, "l");
            attr()->cur_pos = HPDF_Point{x, y};
        }
    }
    void end_path(std::string_view op) {  // S, f, B or n
        operator_line({}, op);
        attr()->cur_pos = HPDF_Point{0, 0};
        attr()->gmode = HPDF_GMODE_PAGE_DESCRIPTION;
    }
    static bool unit(Color c) { return c.r >= 0 && c.r <= 1 && c.g >= 0 && c.g <= 1 && c.b >= 0 && c.b <= 1; }
    // Colours and the line width are set only when they change: a table's rules repeat one of each.
    void fill(Color c) {
        if (m_fill == c) return;
        m_fill.reset();
        if (!unit(c)) return (void)HPDF_Page_SetRGBFill(m_page, real(c.r), real(c.g), real(c.b));  // libharu reports it
        operator_line({real(c.r), real(c.g), real(c.b)}, "rg");
        attr()->gstate->rgb_fill = HPDF_RGBColor{real(c.r), real(c.g), real(c.b)};
        attr()->gstate->cs_fill = HPDF_CS_DEVICE_RGB;
        m_fill = c;
    }
    void stroke(Color c, double width) {
        if (!unit(c) || width < 0) {
            m_stroke.reset(), m_line_width.reset();
            HPDF_Page_SetRGBStroke(m_page, real(c.r), real(c.g), real(c.b));  // libharu reports it
            HPDF_Page_SetLineWidth(m_page, real(width));
            return;
        }
        if (m_stroke != c) {
            operator_line({real(c.r), real(c.g), real(c.b)}, "RG");
            attr()->gstate->rgb_stroke = HPDF_RGBColor{real(c.r), real(c.g), real(c.b)};
            attr()->gstate->cs_stroke = HPDF_CS_DEVICE_RGB;
            m_stroke = c;
        }
        if (m_line_width != width) {
            operator_line({real(width)}, "w");
            attr()->gstate->line_width = real(width);
            m_line_width = width;
        }
    }

    HPDF_Page m_page;
    PageContent& m_content;
    double m_h;
    const HPDF_Font* m_fonts;
    const std::map<std::string, HPDF_Image>& m_images;
    FontChain& m_chain;
    bool m_in_text = false;
    AsciiMarks& m_marked;
    DotForm& m_dots;
    std::string m_scratch;
    int m_font = -1;
    double m_size = 0;
    std::optional<Color> m_fill, m_stroke;  // as the page's graphics state has them; none: not known
    std::optional<double> m_line_width;
};

}  // namespace

Status Document::render(const Layout& layout, const DocInfo& info) {
    HPDF_Doc doc = m->doc;
    HPDF_SetInfoAttr(doc, HPDF_INFO_TITLE, info.title.c_str());
    if (!info.author.empty()) HPDF_SetInfoAttr(doc, HPDF_INFO_AUTHOR, info.author.c_str());
    if (!info.subject.empty()) HPDF_SetInfoAttr(doc, HPDF_INFO_SUBJECT, info.subject.c_str());
    if (!info.keywords.empty()) HPDF_SetInfoAttr(doc, HPDF_INFO_KEYWORDS, info.keywords.c_str());
    HPDF_SetInfoAttr(doc, HPDF_INFO_CREATOR, "boardpack");
    const std::time_t created = creation_time(info.created);  // once: the XMP repeats it to the second
    HPDF_Date when = pdf_date(created);
    HPDF_SetInfoDateAttr(doc, HPDF_INFO_CREATION_DATE, when);
    HPDF_SetInfoDateAttr(doc, HPDF_INFO_MOD_DATE, when);
    BP_TRY(m->check("setting the document info"));

    const bool tagged = info.profile != PdfProfile::plain;
    std::string icc;
    if (info.profile == PdfProfile::archival) {  // before any drawing: a missing profile is the user's to fix
        BP_ASSIGN_OR_RETURN(std::string icc_path, find_srgb_profile());
        std::ifstream in(icc_path, std::ios::binary);
        icc.assign(std::istreambuf_iterator<char>(in), {});
        if (icc.empty()) return make_error(Errc::io, "cannot read the sRGB ICC profile", {icc_path});
    }
    if (tagged) doc->pdf_version = HPDF_VER_17;  // PDF/UA-1 and PDF/A-2 are both on ISO 32000-1

    std::vector<HPDF_Page>& pages = m->pages;
    pages.clear();
    m->deflater = std::make_unique<PageDeflater>(k_page_level);
    std::vector<std::vector<StructId>> owners;
    AsciiMarks marked{};
    DotForm dots(doc);
    for (const auto& p : layout.pages) {
        HPDF_Page page = HPDF_AddPage(doc);
        HPDF_Page_SetWidth(page, real(p.size.width));
        HPDF_Page_SetHeight(page, real(p.size.height));
        HPDF_Page_SetLineJoin(page, HPDF_ROUND_JOIN);
        PageContent content(page);
        PagePainter painter(page, content, p.size.height, m->fonts, m->images, m->chain, marked, dots);
        if (tagged) {
            PageMarks marks(content, layout.structure);
            for (std::size_t i = 0; i < p.ops.size(); ++i) {
                const auto* t = std::get_if<TextOp>(&p.ops[i]);
                if (marks.starts(p.tag(i), t != nullptr)) {
                    marks.end();
                    if (t) painter.begin_text();
                    else painter.end_text();
                    marks.begin(p.tag(i), t != nullptr);
                }
                const auto* next = i + 1 < p.ops.size() ? std::get_if<TextOp>(&p.ops[i + 1]) : nullptr;
                // A line wrapped within one element ends in a space (drawing nothing), so its
                // text reads "key performance", not "keyperformance".
                if (t && next && p.tag(i + 1) == p.tag(i) && next->baseline != t->baseline && p.tag(i) != k_artifact)
                    painter.text(*t, " ");
                else
                    std::visit(painter, p.ops[i]);
            }
            marks.end();
            painter.end_text();
            owners.push_back(marks.owners());
        } else {
            for (const auto& op : p.ops) std::visit(painter, op);
            painter.end_text();
        }
        BP_TRY(m->check(fmt::format("drawing page {}", pages.size() + 1)));
        pages.push_back(page);
        m->deflater->add(content.finish());
    }
    if (tagged) {
        XmpFields x{info.title, info.author, info.subject, info.keywords, "boardpack",
                    HPDF_GetInfoAttr(doc, HPDF_INFO_PRODUCER), created,
                    info.profile == PdfProfile::archival};
        add_metadata(doc, xmp_packet(x));
        m->id = document_id(fmt::format("{}\n{}\n{}\n{}", info.title, info.subject, x.created, layout.pages.size()));
        if (!icc.empty()) add_srgb_output_intent(doc, icc);
        BP_TRY(m->check("writing the XMP metadata and output intent"));
        m->tree.plan(doc, layout.structure, pages, std::move(owners), info.language);  // last: its root is libharu's last object
        BP_TRY(m->check("writing the structure tree"));
        m->tagged = true;
    }
    HPDF_Encoder utf8 = HPDF_GetEncoder(doc, "UTF-8");
    for (const auto& b : layout.bookmarks) {
        if (b.page >= pages.size()) continue;
        HPDF_Outline outline = HPDF_CreateOutline(doc, nullptr, b.title.c_str(), utf8);
        HPDF_Destination dest = HPDF_Page_CreateDestination(pages[b.page]);
        HPDF_Destination_SetFitH(dest, real(layout.pages[b.page].size.height - b.y + 12));
        HPDF_Outline_SetDestination(outline, dest);
        BP_TRY(m->check("adding bookmarks"));
    }
    if (!layout.bookmarks.empty()) HPDF_SetPageMode(doc, HPDF_PAGE_MODE_USE_OUTLINE);
    return m->check("finishing the document");
}

namespace {

// Each page's content (PageContent's buffer, deflated by PageDeflater) goes into libharu's
// stream compressed, and the stream dictionary names the filter itself (libharu drops a
// /Filter entry of a stream it did not filter, so it is written by the dictionary's write
// hook). Every write into libharu (its allocator is not thread-safe) is on this thread.
Status store_page_contents(const std::vector<HPDF_Page>& pages, PageDeflater& deflater) {
    std::vector<PageDeflater::Page> contents = deflater.finish();
    if (contents.size() != pages.size()) return make_error(Errc::output, "PDF: a page's content went missing");
    for (std::size_t k = 0; k < pages.size(); ++k) {
        auto* attr = static_cast<HPDF_PageAttr>(pages[k]->attr);
        HPDF_Dict contents_dict = attr->contents;
        const std::string& bytes = contents[k].bytes;
        HPDF_MemStream_FreeData(contents_dict->stream);
        if (HPDF_Stream_Write(contents_dict->stream, reinterpret_cast<const HPDF_BYTE*>(bytes.data()),
                              static_cast<HPDF_UINT>(bytes.size())) != HPDF_OK)
            return make_error(Errc::output, "PDF: cannot store a page's content (out of memory)");
        if (contents[k].deflated) contents_dict->write_fn = write_flate_filter;
        std::string().swap(contents[k].bytes);
    }
    return Ok{};
}

}  // namespace

std::vector<char32_t> Document::missing_characters() const { return {m->chain.missing().begin(), m->chain.missing().end()}; }
std::vector<std::string> Document::fallback_fonts_used() const { return m->chain.files_used(); }

namespace {

// How many objects libharu will have numbered once it has written its file: what it holds now,
// and three (the descriptor, the font program and the program's length) for each TrueType font
// it has yet to describe, made as it writes the font. 0 (no count) for fonts of another kind.
unsigned objects_after_save(HPDF_Doc doc) {
    std::set<HPDF_FontDef> undescribed;
    for (HPDF_UINT i = 0; i < doc->font_mgr->count; ++i) {
        auto* attr = static_cast<HPDF_FontAttr>(static_cast<HPDF_Font>(HPDF_List_ItemAt(doc->font_mgr, i))->attr);
        if (attr->type != HPDF_FONT_TYPE0_TT || !attr->fontdef) return 0;
        if (!attr->fontdef->descriptor && static_cast<HPDF_TTFontDefAttr>(attr->fontdef->attr)->embedding)
            undescribed.insert(attr->fontdef);
    }
    return static_cast<unsigned>(doc->xref->entries->count + 3 * undescribed.size());
}

}  // namespace

bool Document::structure_packed_while_saving() const { return m->packed_while_saving; }

Status Document::save(const std::string& path) {
    if (m->deflater) BP_TRY(store_page_contents(m->pages, *m->deflater));
    m->chain.finish();
    if (!m->tagged) {
        HPDF_SaveToFile(m->doc, path.c_str());
        return m->check(fmt::format("writing '{}'", path), path);
    }
    // Tagged: libharu writes its objects to the file; its xref table and trailer are then cut off
    // and the structure tree's elements follow in object streams, with a cross-reference stream.
    HPDF_Doc doc = m->doc;
    // The structure tree's elements are numbered after libharu's objects: packed into their
    // streams on another core while libharu writes, from the count foretold, and again after
    // if libharu's own count differs (the same bytes either way).
    const unsigned foretold = objects_after_save(doc);
    auto early = std::async(std::launch::async, [this, foretold]() -> Result<PackedObjects> {
        if (foretold == 0) return make_error(Errc::output, "not foretold");
        return pack_object_streams(m->tree.objects(foretold), foretold);
    });
    HPDF_SaveToFile(doc, path.c_str());
    Result<PackedObjects> packed = early.get();
    BP_TRY(m->check(fmt::format("writing '{}'", path), path));
    std::error_code ec;
    const std::uintmax_t written = std::filesystem::file_size(path, ec);
    if (ec) return make_error(Errc::output, fmt::format("PDF: cannot read back the size of '{}': {}", path, ec.message()), {path});
    HPDF_Xref xref = doc->xref;
    if (xref->entries->count != m->tree.first_number() || xref->addr > written)
        return make_error(Errc::output, "PDF: libharu numbered its objects unexpectedly; the structure tree cannot be written",
                          {path});
    PackInput in;
    in.head_size = xref->addr;
    for (HPDF_UINT k = 0; k < xref->entries->count; ++k)
        in.offsets.push_back(static_cast<HPDF_XrefEntry>(HPDF_List_ItemAt(xref->entries, k))->byte_offset);
    in.root = doc->catalog->header.obj_id & 0x00FFFFFF;
    in.info = doc->info->header.obj_id & 0x00FFFFFF;
    in.id = m->id;
    m->packed_while_saving = packed && packed->first == m->tree.first_number();
    if (!m->packed_while_saving) {
        in.objects = m->tree.objects();
        packed = pack_object_streams(in.objects, m->tree.first_number());
    }
    if (!packed) return packed.take_error();
    BP_ASSIGN_OR_RETURN(std::string tail, object_tail(in, std::move(packed).value()));
    std::filesystem::resize_file(path, xref->addr, ec);
    if (ec) return make_error(Errc::output, fmt::format("PDF: cannot write '{}': {}", path, ec.message()), {path});
    std::ofstream out(path, std::ios::binary | std::ios::app);
    out.write(tail.data(), static_cast<std::streamsize>(tail.size()));
    out.close();
    if (!out) return make_error(Errc::output, fmt::format("PDF: cannot write '{}'", path), {path});
    return Ok{};
}

}  // namespace bp::pdf
