#!/usr/bin/env python3
"""Writes office and e-book files made of real text, and each file's text as
the Python peers read it (peer_office.py), for dpk-ingest's comparison test.

  /work/venv-office/bin/python benchmarks/ingest/make_office_fixtures.py [OUT_DIR] [--copies N]

Needs python-docx, python-pptx, openpyxl, odfpy and ebooklib (pip install
into a venv). Text comes from ../shared/data: paragraphs (lines of 60+
characters) of the real web pages in web/pages.jsonl and sentences in
Russian, Chinese, Arabic, Japanese, Greek, Hindi, Korean and Hebrew from
langid/sentences.jsonl. Each document has paragraphs, a table, tabs and line
breaks; presentations, workbooks and books have several slides, sheets and
chapters. The choice is fixed (no randomness), so a rerun writes the same
text.

Without --copies: one document of each kind into OUT_DIR (default
tests/ingest/office/) and peer_text.jsonl, one line per document: path (the
file name), pages and text (what peer_office.py extracts). With --copies N:
N documents of each kind, each from other pages, for
benchmarks/ingest/bench_office.sh (no peer text).
"""
import datetime
import json
import os
import sys

import peer_office

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
DATA = os.path.normpath(os.path.join(ROOT, "..", "shared", "data"))
SCRIPTS = ["ru", "zh", "ar", "ja", "el", "hi", "ko", "he"]
FIXED_TIME = datetime.datetime(2024, 1, 1)


def load_text():
    pages_path = os.path.join(DATA, "web", "pages.jsonl")
    sentences_path = os.path.join(DATA, "langid", "sentences.jsonl")
    for p in (pages_path, sentences_path):
        if not os.path.exists(p):
            sys.exit(f"missing {p}: the real data (../shared/data) is needed")
    pages = []
    with open(pages_path, encoding="utf-8") as f:
        for line in f:
            paras = [l.strip() for l in json.loads(line)["text"].split("\n") if len(l.strip()) >= 60]
            # Characters XML 1.0 cannot hold stay out of the documents.
            paras = [p for p in paras if all(c >= " " or c == "\t" for c in p)]
            if len(paras) >= 12:
                pages.append(paras[:24])
    by_lang = {}
    with open(sentences_path, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            if d["lang"] in SCRIPTS and len(by_lang.setdefault(d["lang"], [])) < 50:
                by_lang[d["lang"]].append(d["text"])
    return pages, by_lang


class Source:
    """Hands out paragraphs from page i onwards and sentences in several scripts."""

    def __init__(self, pages, by_lang, i):
        self.paras = pages[(i * 7) % len(pages)] + pages[(i * 7 + 3) % len(pages)]
        self.pos = 0
        self.by_lang, self.i, self.lang_pos = by_lang, i, 0

    def para(self):
        p = self.paras[self.pos % len(self.paras)]
        self.pos += 1
        return p

    def short(self):  # a few words for a cell or a title
        return " ".join(self.para().split()[:4])

    def foreign(self):
        lang = SCRIPTS[self.lang_pos % len(SCRIPTS)]
        s = self.by_lang[lang][(self.i + self.lang_pos) % len(self.by_lang[lang])]
        self.lang_pos += 1
        return s


def write_docx(path, src):
    import docx

    d = docx.Document()
    d.add_heading(src.short(), level=1)
    for _ in range(4):
        d.add_paragraph(src.para())
    p = d.add_paragraph(src.short())
    p.add_run().add_tab()
    p.add_run(src.short())
    p.add_run().add_break()
    p.add_run(src.foreign())
    d.add_heading(src.short(), level=2)
    t = d.add_table(rows=3, cols=3)
    for row in t.rows:
        for cell in row.cells:
            cell.text = src.short()
    for _ in range(3):
        d.add_paragraph(src.foreign())
    d.add_paragraph(src.para(), style="List Bullet")
    d.core_properties.created = d.core_properties.modified = FIXED_TIME
    d.save(path)


def write_pptx(path, src):
    import pptx
    from pptx.util import Inches

    prs = pptx.Presentation()
    s = prs.slides.add_slide(prs.slide_layouts[0])
    s.shapes.title.text = src.short()
    s.placeholders[1].text = src.foreign()
    for _ in range(2):
        s = prs.slides.add_slide(prs.slide_layouts[1])
        s.shapes.title.text = src.short()
        body = s.placeholders[1].text_frame
        body.text = src.para()
        for _ in range(2):
            body.add_paragraph().text = src.para()
        body.add_paragraph().text = src.short() + "\v" + src.foreign()  # a line break (a:br)
    s = prs.slides.add_slide(prs.slide_layouts[5])
    s.shapes.title.text = src.short()
    table = s.shapes.add_table(2, 3, Inches(1), Inches(2), Inches(8), Inches(2)).table
    for row in table.rows:
        for cell in row.cells:
            cell.text = src.short()
    prs.core_properties.created = prs.core_properties.modified = FIXED_TIME
    prs.save(path)


def write_xlsx(path, src):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Summary"
    ws.append(["Name", "Count", "Share", "Note"])
    for k in range(6):
        ws.append([src.short(), 10 * k + 3, round(0.125 * (k + 1), 3), src.foreign() if k % 2 else src.para()])
    ws["F2"] = src.short()  # a gap of an empty column before it
    ws2 = wb.create_sheet("Notes")
    for _ in range(5):
        ws2.append([src.para()])
    ws3 = wb.create_sheet("Scripts")
    for _ in range(4):
        ws3.append([src.foreign(), src.foreign()])
    wb.properties.created = wb.properties.modified = FIXED_TIME
    wb.save(path)


def write_odt(path, src):
    from odf import teletype, text
    from odf.opendocument import OpenDocumentText

    doc = OpenDocumentText()
    h = text.H(outlinelevel=1)
    teletype.addTextToElement(h, src.short())
    doc.text.addElement(h)
    for k in range(5):
        p = text.P()
        # addTextToElement writes tabs, runs of spaces and newlines as
        # text:tab, text:s and text:line-break.
        extra = "\t" + src.short() + "   " + src.short() + "\n" + src.foreign() if k == 2 else ""
        teletype.addTextToElement(p, src.para() + extra)
        doc.text.addElement(p)
    for _ in range(3):
        p = text.P()
        teletype.addTextToElement(p, src.foreign())
        doc.text.addElement(p)
    doc.save(path)


def write_odp(path, src):
    from odf import draw, style, teletype, text
    from odf.opendocument import OpenDocumentPresentation

    doc = OpenDocumentPresentation()
    layout = style.PageLayout(name="L")
    doc.automaticstyles.addElement(layout)
    master = style.MasterPage(name="M", pagelayoutname=layout)
    doc.masterstyles.addElement(master)
    for k in range(3):
        page = draw.Page(masterpagename=master)
        doc.presentation.addElement(page)
        for j in range(2):
            frame = draw.Frame(width="20cm", height="5cm", x="1cm", y=f"{1 + 6 * j}cm")
            page.addElement(frame)
            box = draw.TextBox()
            frame.addElement(box)
            for line in ([src.short()] if j == 0 else [src.para(), src.foreign()]):
                p = text.P()
                teletype.addTextToElement(p, line)
                box.addElement(p)
    doc.save(path)


def write_ods(path, src):
    from odf import table, text
    from odf.opendocument import OpenDocumentSpreadsheet

    doc = OpenDocumentSpreadsheet()
    for name, rows in (("Data", 6), ("More", 4)):
        t = table.Table(name=name)
        doc.spreadsheet.addElement(t)
        for r in range(rows):
            tr = table.TableRow()
            t.addElement(tr)
            values = [src.short(), 7 * r + 1, src.foreign() if r % 2 else src.short()]
            for v in values:
                if isinstance(v, int):
                    cell = table.TableCell(valuetype="float", value=v)
                else:
                    cell = table.TableCell(valuetype="string")
                cell.addElement(text.P(text=str(v)))
                tr.addElement(cell)
            # Trailing empty cells, repeated, as office suites write them.
            tr.addElement(table.TableCell(numbercolumnsrepeated=1000))
    doc.save(path)


def write_epub(path, src):
    from ebooklib import epub

    book = epub.EpubBook()
    book.set_identifier("dpk-office-fixture")
    book.set_title(src.short())
    book.set_language("en")
    chapters = []
    for k in range(3):
        c = epub.EpubHtml(title=f"Chapter {k + 1}", file_name=f"text/chap_{k + 1}.xhtml", lang="en")
        body = [f"<h1>{esc(src.short())}</h1>"]
        body += [f"<p>{esc(src.para())}</p>" for _ in range(3)]
        body.append(f"<ul><li>{esc(src.short())}</li><li>{esc(src.foreign())}</li></ul>")
        if k == 1:
            body.append("<table><tr><th>%s</th><th>%s</th></tr><tr><td>%s</td><td>%s</td></tr></table>"
                        % tuple(esc(src.short()) for _ in range(4)))
            body.append(f"<p>{esc(src.short())}<br/>{esc(src.foreign())}</p>")
            body.append("<script>var hidden = 'not text';</script>")
        c.content = "<html><head><title>t</title><style>p { margin: 0 }</style></head><body>%s</body></html>" % "\n".join(body)
        book.add_item(c)
        chapters.append(c)
    book.toc = chapters
    book.add_item(epub.EpubNcx())
    book.add_item(epub.EpubNav())
    book.spine = chapters
    epub.write_epub(path, book)


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


WRITERS = [("report.docx", write_docx), ("deck.pptx", write_pptx), ("budget.xlsx", write_xlsx),
           ("notes.odt", write_odt), ("talk.odp", write_odp), ("table.ods", write_ods), ("book.epub", write_epub)]


def main():
    args = sys.argv[1:]
    copies = 0
    if "--copies" in args:
        i = args.index("--copies")
        copies = int(args[i + 1])
        del args[i:i + 2]
    out = args[0] if args else os.path.join(ROOT, "tests", "ingest", "office")
    os.makedirs(out, exist_ok=True)
    pages, by_lang = load_text()
    if copies:
        for n in range(copies):
            for name, write in WRITERS:
                stem, ext = os.path.splitext(name)
                write(os.path.join(out, f"{stem}-{n:04d}{ext}"), Source(pages, by_lang, n + 1))
        return
    with open(os.path.join(out, "peer_text.jsonl"), "w", encoding="utf-8") as f:
        for i, (name, write) in enumerate(WRITERS):
            path = os.path.join(out, name)
            write(path, Source(pages, by_lang, i))
            text, n = peer_office.extract(path)
            f.write(json.dumps({"path": name, "pages": n, "text": text}, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
