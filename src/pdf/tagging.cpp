#include "pdf/tagging.hpp"

#include <algorithm>
#include <charconv>
#include <cstring>
#include <iterator>
#include <span>
#include <utility>

#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>

#include <fmt/format.h>

#include "util/utf8.hpp"

namespace bp::pdf {

void PageMarks::begin(StructId tag, bool text) {
    end();
    m_text = text;
    if (tag == k_artifact) {
        m_content.write("/Artifact BMC\n");
    } else {
        // "/TD<</MCID 12>>BDC": one per table cell, so made without a format string.
        char buf[64];
        std::string_view role = role_name(m_structure[tag].role);
        char* p = buf;
        *p++ = '/';
        p = std::copy(role.begin(), role.end(), p);
        p = std::copy_n("<</MCID ", 8, p);
        p = std::to_chars(p, buf + sizeof buf, m_owners.size()).ptr;
        p = std::copy_n(">>BDC\n", 6, p);
        m_content.write(std::string_view(buf, static_cast<std::size_t>(p - buf)));
        m_owners.push_back(tag);
    }
    m_open = true;
    m_tag = tag;
}

void PageMarks::end() {
    if (m_open) m_content.write("EMC\n");
    m_open = false;
}

namespace {

// A PDF text string: a literal when printable ASCII, else UTF-16BE hex with its byte-order mark.
void append_text_string(std::string& out, const std::string& utf8) {
    bool ascii = true;
    for (unsigned char c : utf8) ascii = ascii && c >= 0x20 && c < 0x7F;
    if (ascii) {
        out += '(';
        for (char c : utf8) {
            if (c == '(' || c == ')' || c == '\\') out += '\\';
            out += c;
        }
        out += ')';
        return;
    }
    out += "<FEFF";
    for (std::size_t i = 0; i < utf8.size();) {
        Utf8Char u = decode_utf8(utf8, i);
        char32_t cp = u.length == 0 ? 0xFFFD : u.cp;
        i += u.length == 0 ? 1 : u.length;
        if (cp > 0xFFFF) {
            cp -= 0x10000;
            out += fmt::format("{:04X}{:04X}", 0xD800 + (cp >> 10), 0xDC00 + (cp & 0x3FF));
        } else {
            out += fmt::format("{:04X}", static_cast<unsigned>(cp));
        }
    }
    out += '>';
}

}  // namespace

void StructureTree::plan(HPDF_Doc doc, const Structure& s, const std::vector<HPDF_Page>& pages,
                         std::vector<std::vector<StructId>> owners_in, const std::string& language) {
    HPDF_MMgr mmgr = doc->mmgr;
    m_xref = doc->xref;
    m_owners = std::move(owners_in);
    const auto& owners = m_owners;
    m_pages.clear();
    for (HPDF_Page p : pages) m_pages.push_back(p->header.obj_id & 0x00FFFFFF);
    m_elems.clear();
    m_elems.reserve(s.size());
    m_texts.resize(1);
    for (StructId e = 0; e < s.size(); ++e) {
        const StructElem& el = s[e];
        const std::string& text = s.text(e);
        std::uint32_t t = 0;
        if (el.role == Role::figure || !text.empty()) {
            t = static_cast<std::uint32_t>(m_texts.size());
            m_texts.push_back(text);
        }
        m_elems.push_back(Elem{el.parent, t, static_cast<std::uint16_t>(std::clamp(el.col_span, 1, 65535)), el.role, el.scope});
    }
    // Kids in reading order: an element's content and child elements as the
    // pages draw them; an element with no content where the model puts it.
    // Gathered as (element, kid) in that order, then laid out by element.
    std::vector<std::pair<StructId, Kid>> found;
    found.reserve(s.size() * 2);
    std::vector<bool> placed(s.size(), false);
    placed[Structure::root()] = true;
    auto place = [&](StructId e) {
        for (StructId child = e; !placed[child];) {
            placed[child] = true;
            StructId up = s[child].parent;
            found.emplace_back(up, Kid{false, child});
            child = up;
        }
    };
    for (std::size_t p = 0; p < owners.size(); ++p)
        for (std::size_t mcid = 0; mcid < owners[p].size(); ++mcid) {
            StructId e = owners[p][mcid];
            place(e);
            found.emplace_back(e, Kid{true, e, static_cast<std::uint32_t>(p), static_cast<std::uint32_t>(mcid)});
        }
    std::vector<StructId> unplaced;  // parents are numbered before their children: each parent is placed by now
    for (StructId e = 1; e < s.size(); ++e)
        if (!placed[e]) {
            placed[e] = true;
            unplaced.push_back(e);
        }
    std::vector<std::uint32_t>& start = m_kid_start;
    start.assign(s.size() + 1, 0);
    for (const auto& f : found) ++start[f.first + 1];
    for (StructId e : unplaced) ++start[s[e].parent + 1];
    for (std::size_t e = 0; e < s.size(); ++e) start[e + 1] += start[e];
    m_kids.assign(start.back(), Kid{});
    std::vector<std::uint32_t> filled(start.begin(), start.end() - 1);
    for (const auto& f : found) m_kids[filled[f.first]++] = f.second;
    // An element without content goes before the first sibling placed that was added after it
    // (siblings are numbered in the order added), each in turn, into its parent's room.
    for (StructId e : unplaced) {
        const StructId up = s[e].parent;
        auto first = m_kids.begin() + start[up], end = m_kids.begin() + filled[up];
        auto at = std::find_if(first, end, [&](const Kid& k) { return !k.content && k.elem > e; });
        std::move_backward(at, end, end + 1);
        *at = Kid{false, e};
        ++filled[up];
    }

    for (std::size_t p = 0; p < pages.size(); ++p)
        HPDF_Dict_AddNumber(pages[p], "StructParents", static_cast<HPDF_INT32>(p));
    // The StructTreeRoot is libharu's last object; the elements are numbered
    // after everything libharu writes, which is known only as it writes this.
    HPDF_Dict root = HPDF_Dict_New(mmgr);
    if (!root || HPDF_Xref_Add(doc->xref, root) != HPDF_OK) return;
    root->attr = this;
    root->write_fn = [](HPDF_Dict dict, HPDF_Stream stream) -> HPDF_STATUS {
        auto* self = static_cast<StructureTree*>(dict->attr);
        self->m_base = self->m_xref->entries->count;
        auto n = static_cast<unsigned>(self->m_elems.size());
        std::string b = fmt::format("/Type/StructTreeRoot/K {} 0 R/ParentTree {} 0 R/ParentTreeNextKey {}\n",
                                    self->m_base, self->m_base + n, self->m_pages.size());
        return HPDF_Stream_Write(stream, reinterpret_cast<const HPDF_BYTE*>(b.data()), static_cast<HPDF_UINT>(b.size()));
    };
    m_root = root->header.obj_id & 0x00FFFFFF;

    HPDF_Dict catalog = doc->catalog;
    HPDF_Dict_Add(catalog, "StructTreeRoot", root);
    HPDF_Dict mark_info = HPDF_Dict_New(mmgr);
    HPDF_Dict_AddBoolean(mark_info, "Marked", HPDF_TRUE);
    HPDF_Dict_Add(catalog, "MarkInfo", mark_info);
    HPDF_Dict_Add(catalog, "Lang", HPDF_String_New(mmgr, language.c_str(), nullptr));  // a language tag is ASCII
    // libharu's viewer preferences have no DisplayDocTitle: the dictionary is written here.
    auto* prefs = static_cast<HPDF_Dict>(HPDF_Dict_GetItem(catalog, "ViewerPreferences", HPDF_OCLASS_DICT));
    if (!prefs) {
        prefs = HPDF_Dict_New(mmgr);
        HPDF_Dict_Add(catalog, "ViewerPreferences", prefs);
    }
    HPDF_Dict_AddBoolean(prefs, "DisplayDocTitle", HPDF_TRUE);
}

namespace {

// The elements' text, written through a small buffer on the stack and appended to `out` a few
// kilobytes at a time: a long report's tree is a quarter of a million elements of a dozen
// pieces each, and a string append a piece cost more than the bytes.
class ObjectText {
public:
    explicit ObjectText(std::string& out) : m_out(out) {}
    ~ObjectText() { flush(); }
    ObjectText(const ObjectText&) = delete;
    ObjectText& operator=(const ObjectText&) = delete;

    ObjectText& operator<<(std::string_view s) {
        if (s.size() > k_room / 2) {
            flush();
            m_out.append(s);
            return *this;
        }
        room(s.size());
        std::memcpy(m_at, s.data(), s.size());
        m_at += s.size();
        return *this;
    }
    ObjectText& operator<<(char c) {
        room(1);
        *m_at++ = c;
        return *this;
    }
    ObjectText& number(std::uint64_t n) {
        room(20);
        m_at = std::to_chars(m_at, m_at + 20, n).ptr;
        return *this;
    }
    ObjectText& ref(unsigned object) { return number(object) << " 0 R"; }
    // Where the next byte goes in `out`, once flushed.
    std::size_t size() const { return m_out.size() + static_cast<std::size_t>(m_at - m_buf); }
    std::string& flushed() {
        flush();
        return m_out;
    }

private:
    static constexpr std::size_t k_room = 4096;
    void room(std::size_t n) {
        if (static_cast<std::size_t>(m_buf + k_room - m_at) < n) flush();
    }
    void flush() {
        m_out.append(m_buf, static_cast<std::size_t>(m_at - m_buf));
        m_at = m_buf;
    }
    std::string& m_out;
    char m_buf[k_room];
    char* m_at = m_buf;
};

}  // namespace

std::vector<std::string_view> StructureTree::objects(unsigned first) {
    const unsigned base = first;
    const auto n = static_cast<unsigned>(m_elems.size());
    std::string& b = m_text;
    b.clear();
    b.reserve(m_elems.size() * 48);
    std::vector<std::size_t> starts;
    starts.reserve(m_elems.size() + 2);
    {
        ObjectText w(b);
        for (StructId e = 0; e < n; ++e) {
            const Elem& el = m_elems[e];
            starts.push_back(w.size());
            // /Type /StructElem is optional and left out: a report has tens of thousands.
            w << "<</S/" << role_name(el.role) << "/P ";
            w.ref(e == Structure::root() ? m_root : base + el.parent);
            if (el.text != 0) {
                w << (el.role == Role::figure ? "/Alt" : "/ActualText");
                append_text_string(w.flushed(), m_texts[el.text]);
            }
            if (el.scope != Scope::none || el.col_span > 1) {
                w << "/A<</O/Table";
                if (el.scope != Scope::none) w << (el.scope == Scope::column ? "/Scope/Column" : "/Scope/Row");
                if (el.col_span > 1) {
                    w << "/ColSpan ";
                    w.number(static_cast<std::uint64_t>(el.col_span));
                }
                w << ">>";
            }
            // /Pg names the page of the first content; content elsewhere is an MCR dictionary.
            const std::span<const Kid> kids(m_kids.data() + m_kid_start[e], m_kid_start[e + 1] - m_kid_start[e]);
            std::size_t pg = m_pages.size();
            for (const auto& k : kids)
                if (k.content) {
                    pg = k.page;
                    break;
                }
            if (pg < m_pages.size()) {
                w << "/Pg ";
                w.ref(m_pages[pg]);
            }
            w << "/K";
            const bool one = kids.size() == 1 && kids[0].content && kids[0].page == pg;  // a cell's one text: /K n
            if (!one) w << '[';
            for (const auto& k : kids) {
                w << ' ';
                if (!k.content) {
                    w.ref(base + k.elem);
                } else if (k.page == pg) {
                    w.number(k.mcid);
                } else {
                    w << "<</Type/MCR/Pg ";
                    w.ref(m_pages[k.page]);
                    w << "/MCID ";
                    w.number(k.mcid) << ">>";
                }
            }
            if (!one) w << ']';
            w << ">>";
        }
        // The ParentTree: for page i (its /StructParents), the element of each MCID.
        starts.push_back(w.size());
        w << "<</Nums[";
        for (std::size_t p = 0; p < m_pages.size(); ++p) {
            w << '\n';
            w.number(p) << " [";
            if (p < m_owners.size())
                for (StructId e : m_owners[p]) {
                    w << ' ';
                    w.ref(base + e);
                }
            w << ']';
        }
        w << "]>>";
        starts.push_back(w.size());
    }
    std::vector<std::string_view> views;
    views.reserve(starts.size() - 1);
    for (std::size_t i = 0; i + 1 < starts.size(); ++i) views.emplace_back(b.data() + starts[i], starts[i + 1] - starts[i]);
    return views;
}

}  // namespace bp::pdf
