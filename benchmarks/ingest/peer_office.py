#!/usr/bin/env python3
"""Text of office and e-book files by the Python libraries users reach for:
python-docx (docx), python-pptx (pptx), openpyxl (xlsx), odfpy (odt, odp,
ods) and ebooklib plus a small HTML text walk (epub). The reference that
dpk-ingest's text is compared with (tests/ingest/office/) and the peer of
benchmarks/ingest/bench_office.sh.

  python3 peer_office.py FILE_OR_DIR...   # one JSON line per file: path, pages, text

Pages (slides, sheets, chapters) are joined by a form feed, as dpk does.
"""
import json
import os
import sys
from html.parser import HTMLParser


def docx_text(path):
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    d = docx.Document(path)
    lines = []

    def walk(parent, element):
        for child in element.iterchildren():
            tag = child.tag.rsplit("}", 1)[-1]
            if tag == "p":
                lines.append(Paragraph(child, parent).text)
            elif tag == "tbl":
                for row in Table(child, parent).rows:
                    for cell in row.cells:
                        for p in cell.paragraphs:
                            lines.append(p.text)

    walk(d, d.element.body)
    return "\n".join(lines), 0


def pptx_text(path):
    import pptx

    slides = []
    for slide in pptx.Presentation(path).slides:
        parts = []
        for shape in slide.shapes:
            if shape.has_text_frame:
                # python-pptx writes a line break (a:br) as a vertical tab.
                parts.append(shape.text_frame.text.replace("\v", "\n"))
            elif getattr(shape, "has_table", False) and shape.has_table:
                for row in shape.table.rows:
                    for cell in row.cells:
                        parts.append(cell.text)
        slides.append("\n".join(parts))
    return "\f".join(slides), len(slides)


def xlsx_text(path):
    import openpyxl

    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    sheets = []
    for ws in wb.worksheets:
        rows = []
        for row in ws.iter_rows(values_only=True):
            cells = ["" if v is None else str(v) for v in row]
            if any(cells):
                rows.append("\t".join(cells).rstrip("\t"))
        sheets.append("\n".join(rows))
    return "\f".join(sheets), len(sheets)


def odf_text(path, kind):
    from odf import draw, table, teletype, text
    from odf.opendocument import load

    doc = load(path)

    def paragraphs(node):
        return [teletype.extractText(p) for p in _in_order(node)]

    def _in_order(node):  # text:p and text:h in document order
        out = []
        for child in node.childNodes:
            if child.nodeType != child.ELEMENT_NODE:
                continue
            if child.qname in ((text.TEXTNS, "p"), (text.TEXTNS, "h")):
                out.append(child)
            else:
                out.extend(_in_order(child))
        return out

    if kind == "odp":
        pages = doc.presentation.getElementsByType(draw.Page)
        return "\f".join("\n".join(paragraphs(p)) for p in pages), len(pages)
    if kind == "ods":
        sheets = doc.spreadsheet.getElementsByType(table.Table)
        out = []
        for t in sheets:
            rows = []
            for r in t.getElementsByType(table.TableRow):
                cells = [" ".join(paragraphs(c)) for c in r.getElementsByType(table.TableCell)]
                if any(cells):
                    rows.append("\t".join(cells).rstrip("\t"))
            out.append("\n".join(rows))
        return "\f".join(out), len(sheets)
    return "\n".join(paragraphs(doc.text)), 0


class _HtmlText(HTMLParser):
    """Visible text: head, script and style left out, blocks end lines."""

    BLOCKS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "section",
              "article", "ul", "ol", "table", "dt", "dd", "figcaption", "hr"}
    SKIP = {"head", "script", "style"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out, self.skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skip += 1
        elif tag in self.BLOCKS:
            self.out.append("\n")
        elif tag in ("td", "th"):
            self.out.append("\t")

    def handle_endtag(self, tag):
        if tag in self.SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in self.BLOCKS:
            self.out.append("\n")

    def handle_data(self, data):
        if not self.skip:
            self.out.append(data)

    def text(self):
        lines = [" ".join(line.split()) for line in "".join(self.out).split("\n")]
        return "\n".join(line for line in lines if line)


def epub_text(path):
    import ebooklib
    from ebooklib import epub

    book = epub.read_epub(path, {"ignore_ncx": True})
    chapters = []
    for idref, _linear in book.spine:
        item = book.get_item_with_id(idref)
        if item is None or item.get_type() != ebooklib.ITEM_DOCUMENT:
            continue
        p = _HtmlText()
        p.feed(item.get_content().decode("utf-8"))
        chapters.append(p.text())
    return "\f".join(chapters), len(chapters)


def extract(path):
    ext = os.path.splitext(path)[1].lower().lstrip(".")
    if ext == "docx":
        return docx_text(path)
    if ext == "pptx":
        return pptx_text(path)
    if ext == "xlsx":
        return xlsx_text(path)
    if ext in ("odt", "odp", "ods"):
        return odf_text(path, ext)
    if ext == "epub":
        return epub_text(path)
    raise ValueError(f"not an office or e-book file: {path}")


def main(args):
    paths = []
    for a in args:
        if os.path.isdir(a):
            for root, _, files in os.walk(a):
                paths += [os.path.join(root, f) for f in files]
        else:
            paths.append(a)
    for path in sorted(paths):
        if os.path.splitext(path)[1].lower() not in (".docx", ".pptx", ".xlsx", ".odt", ".odp", ".ods", ".epub"):
            continue
        text, pages = extract(path)
        print(json.dumps({"path": path, "pages": pages, "text": text}, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1:])
