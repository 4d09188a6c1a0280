"""``glossator lms`` (issue #16): the IMS Common Cartridge 1.1 of web links and the syllabus.

The cartridge is built from the real corpus, validated against the vendored CC 1.1 schemas
(manifest XSD, its embedded Schematron rules, the web link XSD) and by pyslet's CC profile
tests, and every link in it must reach an existing page and anchor of the built reader."""

from __future__ import annotations

import subprocess
import sys
import unittest
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

import lxml.html
import pytest
from lxml import etree

from glossator.corpus import load_corpus
from glossator.lms.cartridge import CC, WL, _md, manifest_and_links, modules, validate
from glossator.ranges import FRAGMENT

from .conftest import ROOT

BASE = "https://reader.example.edu/korea/"


def _lms(tmp: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess[str]:
    import os

    return subprocess.run([sys.executable, "-m", "glossator", "lms", "--root", str(ROOT), "--out", str(tmp), *args],
                          capture_output=True, text=True, timeout=120, env={**os.environ, **(env or {})})


@pytest.fixture(scope="module")
def cartridge(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("lms")
    result = _lms(out, "--base-url", BASE, "--html", str(out / "no-reader-here"))
    assert result.returncode == 0, result.stderr
    assert "Validated against the IMS Common Cartridge 1.1 schemas" in result.stdout
    return out


def _members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_without_a_public_address_it_refuses_clearly(tmp_path: Path) -> None:
    result = _lms(tmp_path, env={"GLOSSATOR_BASEURL": ""})
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "the reader's public address is not set" in result.stderr and "html_baseurl" in result.stderr
    assert not (tmp_path / "glossator-reader.imscc").exists()


def test_the_cartridge_validates_against_the_cc_1_1_schemas(cartridge: Path) -> None:
    members = _members(cartridge / "glossator-reader.imscc")
    manifest = members.pop("imsmanifest.xml")
    assert validate(manifest, members) == []
    root = etree.fromstring(manifest)
    assert root.tag == f"{{{CC}}}manifest"
    assert root.findtext(f"{{{CC}}}metadata/{{{CC}}}schemaversion") == "1.1.0"
    resources = root.findall(f".//{{{CC}}}resource")
    assert resources and {r.get("type") for r in resources} == {"imswl_xmlv1p1"}
    assert len(members) == len(resources)


def test_the_validation_catches_broken_manifests() -> None:
    """The schemas are not a formality: each kind of fault is reported."""
    corpus = load_corpus(ROOT)
    manifest, links = manifest_and_links("Reader", BASE, modules(corpus))
    assert validate(manifest, links) == []
    bad_version = validate(manifest.replace(b">1.1.0<", b">1.3.0<"), links)
    assert any("schemaversion" in p for p in bad_version)
    bad_type = validate(manifest.replace(b'type="imswl_xmlv1p1"', b'type="weblink"', 1), links)
    assert any("'weblink' is not an element of the set" in p for p in bad_type)
    # Schematron rule 10b: a resource's href must be one of its files.
    with_href = manifest.replace(b'type="imswl_xmlv1p1">', b'type="imswl_xmlv1p1" href="elsewhere.html">', 1)
    assert any("RULE 10b" in p for p in validate(with_href, links))
    name = next(iter(links))
    broken_link = {**links, name: links[name].replace(b"<url ", b"<address ").replace(b"</url>", b"</address>")}
    assert any(p.startswith(name) for p in validate(manifest, broken_link))


def test_pyslet_profile_tests_pass(cartridge: Path) -> None:
    v1p0 = pytest.importorskip("pyslet.imscc_profilev1p0")
    from pyslet import imscc_profilev1p1

    package = imscc_profilev1p1.CommonCartridge(str(cartridge / "glossator-reader.imscc"))
    result = unittest.TextTestRunner(stream=open("/dev/null", "w"), verbosity=0).run(v1p0.CCTestSuite(package))  # noqa: SIM115
    assert result.testsRun >= 8
    assert result.wasSuccessful(), [str(f) for f in result.failures + result.errors]


def test_modules_one_per_assignment_and_per_article(cartridge: Path) -> None:
    corpus = load_corpus(ROOT)
    root = etree.fromstring(_members(cartridge / "glossator-reader.imscc")["imsmanifest.xml"])
    top = root.find(f".//{{{CC}}}organization/{{{CC}}}item")
    titles = [item.findtext(f"{{{CC}}}title") for item in top.findall(f"{{{CC}}}item")]
    assignments = [t for t in titles if t.startswith("Assignment: ")]
    articles = [t for t in titles if t.startswith("Article: ")]
    assert len(assignments) == len(corpus.assignments) and len(articles) == len(corpus.articles)
    week1 = next(item for item in top.findall(f"{{{CC}}}item") if "Week 1" in item.findtext(f"{{{CC}}}title"))
    links = [i.findtext(f"{{{CC}}}title") for i in week1.findall(f"{{{CC}}}item")]
    assert any("¶4–13" in t for t in links) and any(t.startswith("Handout to print") for t in links)


def test_every_link_reaches_a_page_and_anchor_of_the_built_reader(cartridge: Path, html_build: Path) -> None:
    members = _members(cartridge / "glossator-reader.imscc")
    members.pop("imsmanifest.xml")
    urls = [etree.fromstring(data).find(f"{{{WL}}}url").get("href") for data in members.values()]
    syllabus = (cartridge / "syllabus.html").read_text(encoding="utf-8")
    urls += [a.get("href") for a in lxml.html.fromstring(syllabus).iter("a")]
    ids: dict[Path, set[str]] = {}
    missing = []
    for url in urls:
        assert url.startswith(BASE), url
        parts = urlsplit(url[len(BASE):])
        page = html_build / (parts.path or "index.html")
        if parts.path.startswith("downloads/handout-"):
            continue  # the PDFs are copied in by make reader; the session's build has none (--html)
        if not page.is_file():
            missing.append(url)
            continue
        if parts.fragment:
            if page not in ids:
                ids[page] = set(lxml.html.parse(str(page)).getroot().xpath("//@id"))
            span = FRAGMENT.match(parts.fragment)  # a range: its first and last paragraph
            wanted = [f"p{span['first']}", f"p{span['last'] or span['first']}"] if span else [parts.fragment]
            missing += [f"{url} (no #{w})" for w in wanted if w not in ids[page]]
    assert missing == []
    assert len(urls) > 40


def test_the_syllabus_lists_every_assignment(cartridge: Path) -> None:
    corpus = load_corpus(ROOT)
    text = (cartridge / "syllabus.md").read_text(encoding="utf-8")
    page = lxml.html.fromstring((cartridge / "syllabus.html").read_text(encoding="utf-8"))
    shown = " ".join(page.text_content().split())
    for data in corpus.assignments.values():
        assert _md(data["title"]) in text and data["title"] in shown
        for question in data.get("questions") or []:
            assert _md(question) in text and " ".join(question.split()) in shown
    assert f"(<{BASE}articles/2019-04-25-kim-jong-un-in-russia.html#p4-p13>)" in text


def test_a_hostile_title_stays_text_in_the_syllabus() -> None:
    assert _md("[click](javascript:alert(1)) <b>") == "\\[click\\]\\(javascript:alert\\(1\\)\\) \\<b\\>"
