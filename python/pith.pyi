"""pith: scraped news pages (HTML, text, markdown) → the article, where it came from, and a
ledger of everything removed and why.

``clean`` cleans one page, ``clean_many`` many in parallel, ``group`` finds the copies of one
article, ``restore`` gives back the page a record was made from. Records are dicts with the keys and values of ``pith clean --json``; groups those of
``pith group --json``. The GIL is released while pages are cleaned.
"""

from typing import Any, Dict, Iterable, List, Literal, Optional, Tuple, Union, overload

__version__: str

Data = Union[bytes, bytearray, str]
Format = Literal["text", "markdown", "html"]
Favor = Literal["precision", "recall"]
Ledger = Literal["full", "offsets"]
"""What each segment of a record's ledger carries: its text too (``"full"``, the record restores
alone) or its byte range, verdict, rule, reason and path only (``"offsets"``)."""
Record = Dict[str, Any]
"""A record: ``schema_version``, ``source``, ``format``, ``encoding``, ``page_type``, ``confidence``, ``text``,
``provenance``, ``segments`` and, when there are any, ``replaced``, ``warnings``, ``extra``; ``ledger``
(``"offsets"``) when its segments hold byte ranges only."""
Group = Dict[str, Any]
"""A group: ``id``, ``canonical``, ``members``, ``provenance``."""
Item = Union[Data, Tuple[str, Data], Dict[str, Any]]
"""bytes or str (named ``doc-N``), a ``(name, data)`` tuple, or a dict like a line of
``pith clean --jsonl-in`` (``html`` or ``text``, ``id``, ``url``; other keys go to ``extra``)."""

class PithError(ValueError):
    """An input pith cannot clean (binary, too large, a dict that is not a document), or a
    record it cannot restore; the message starts with the document's name (a record's
    source)."""

def clean(
    data: Data,
    url: Optional[str] = None,
    format: Optional[Format] = None,
    name: str = "<python>",
    favor: Optional[Favor] = None,
    max_bytes: Optional[int] = None,
    ledger: Ledger = "full",
) -> Record:
    """Cleans one scraped page and returns its record.

    Args:
        data: the page, as bytes (any encoding; gzip is undone) or str.
        url: the address the page was fetched from (``pith clean --url``): the record's url
            when the page gives none.
        format: ``"text"``, ``"markdown"`` or ``"html"``; None sniffs it from ``name`` and the
            content, as the CLI does.
        name: the record's ``source``, and the name errors carry.
        favor: ``"precision"`` or ``"recall"``; None for neither.
        max_bytes: the largest input accepted (default 64 MiB).
        ledger: ``"full"`` (each segment with its text: the record alone restores the input)
            or ``"offsets"`` (byte ranges only; the record has ``"ledger": "offsets"`` and
            ``restore`` needs the input).

    Raises:
        PithError: the input is binary or too large; the message starts with ``name``.
        TypeError: ``data`` is neither bytes nor str.
    """

@overload
def clean_many(
    items: Iterable[Item],
    threads: Optional[int] = None,
    format: Optional[Format] = None,
    favor: Optional[Favor] = None,
    max_bytes: Optional[int] = None,
    return_exceptions: Literal[False] = False,
    ledger: Ledger = "full",
) -> List[Record]:
    """Cleans many pages in parallel and returns their records, in input order, the same
    whatever ``threads`` is (None uses every core). Items are taken a batch at a time (four
    per thread), and each batch is cleaned with the GIL released.

    Raises:
        PithError: an item cannot be cleaned (the first in input order); the message starts
            with its name (``doc-3``, or the tuple's name).
        TypeError: an item is of none of the accepted types; the message gives its index.
    """

@overload
def clean_many(
    items: Iterable[Item],
    threads: Optional[int] = None,
    format: Optional[Format] = None,
    favor: Optional[Favor] = None,
    max_bytes: Optional[int] = None,
    *,
    return_exceptions: bool,
    ledger: Ledger = "full",
) -> List[Union[Record, PithError]]:
    """As above, with a failed item's ``PithError`` in its place when ``return_exceptions``."""

def group(
    items: Iterable[Union[Item, Record]],
    threshold: float = 0.5,
    containment: Optional[float] = 0.8,
    threads: Optional[int] = None,
    format: Optional[Format] = None,
    favor: Optional[Favor] = None,
    max_bytes: Optional[int] = None,
) -> List[Group]:
    """Finds the copies of one article among records (dicts with a ``"provenance"`` key, as
    ``clean`` returns them) or pages (cleaned first): the groups of ``pith group --json``, in
    the order of each group's first member, singletons included. It takes no ``ledger``:
    grouping never reads the ledger, and records of either ledger are read alike.

    Raises:
        PithError: a page cannot be cleaned, or a record cannot be read back.
        TypeError: an item is of none of the accepted types; the message gives its index.
    """

def restore(record: Record, input: Optional[Data] = None) -> bytes:
    """Gives back the input a record was made from, byte for byte (``pith restore``): from the
    record alone for a full ledger, from ``input`` (the page as given to ``clean``; a str as
    UTF-8) for an offsets ledger (``pith restore RECORD --input FILE``). The bytes are checked
    against the record's ``input_sha256``. The GIL is released while restoring.

    Raises:
        PithError: an offsets ledger without ``input``, an ``input`` that is not the record's,
            a record that was edited or cut, or a dict that is not a record; the message starts
            with the record's ``source``.
        TypeError: ``record`` is not a dict of JSON values, or ``input`` is neither bytes nor
            str.
    """
