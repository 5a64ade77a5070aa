"""An Agg renderer that draws text from cached glyph bitmaps, pixel for pixel as matplotlib.

matplotlib (3.11) draws every text by laying it out with FreeType and rendering each
glyph at its sub-pixel position, again for every chart: the per-office chart of a
national batch draws the same ten indicator labels and legend 514 times, and the same
digits thousands of times (text was ~60% of the chart's drawing time). This renderer
keeps

- the layout of a string (glyphs and their offsets) per font, size, dpi and flags, and
- each glyph's bitmap per font, size, dpi, flags and *fractional* pen position (1/64
  pixel, FreeType's 26.6 grid; a whole-pixel shift only moves the bitmap),

and blends the cached bitmaps through the same ``draw_text_image`` call matplotlib
uses, with the same arguments: the image is the same, byte for byte.

It replicates ``RendererAgg.draw_text`` / ``_draw_text_glyphs_and_boxes`` of the
matplotlib versions in :data:`_SUPPORTED` for horizontal plain text; anything else
(mathtext, rotated text, another matplotlib) is drawn by matplotlib itself.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

#: matplotlib versions (major, minor) whose Agg text drawing this module replicates.
_SUPPORTED = ((3, 11),)
#: Entries kept per cache before it is emptied (a national batch needs a few thousand).
_MAX_GLYPHS = 50_000
_MAX_LAYOUTS = 20_000

_GLYPHS: dict[tuple, tuple[Any, int, int]] = {}
_LAYOUTS: dict[tuple, list[tuple[Any, int, float, float]]] = {}
_METRICS: dict[tuple, tuple] = {}


def supported() -> bool:
    """Whether the installed matplotlib draws text the way this module replicates."""
    import matplotlib
    from matplotlib.backends.backend_agg import RendererAgg

    version = tuple(int(p) for p in matplotlib.__version__.split(".")[:2] if p.isdigit())
    return version in _SUPPORTED and hasattr(RendererAgg, "_draw_text_glyphs_and_boxes")


def clear_caches() -> None:
    """Forget every cached layout and glyph (tests; fonts changed)."""
    _GLYPHS.clear()
    _LAYOUTS.clear()
    _METRICS.clear()


@lru_cache(maxsize=1)
def renderer_class():
    """``RendererAgg``, with cached text drawing when :func:`supported`."""
    from matplotlib.backends import backend_agg
    from matplotlib.backends.backend_agg import RendererAgg

    if not supported():
        return RendererAgg

    import numpy as np
    from matplotlib.font_manager import fontManager, get_font
    from matplotlib.ft2font import RenderMode

    # matplotlib's transform for an unrotated, unslanted glyph: 16.16 fixed point identity
    _IDENTITY = (0x10000 * np.array([[1.0, -0.0], [0.0, 1.0]])).round().astype(int)

    class GlyphCachingRenderer(RendererAgg):
        def clear(self):
            """A new drawing: forget the font files found for the last one (the settings
            they depend on may have changed since)."""
            super().clear()
            self._paths_by_prop: dict = {}

        def _font_paths(self, prop) -> tuple[str, ...]:
            """``fontManager._find_fonts_by_props(prop)``, once per font properties per
            drawing (a text asks twice; equal properties as matplotlib's caches compare
            them, by hash). Settings do not change while a figure is drawn."""
            memo = self.__dict__.setdefault("_paths_by_prop", {})
            paths = memo.get(prop)
            if paths is None:
                paths = tuple(fontManager._find_fonts_by_props(prop))
                memo[prop.copy()] = paths  # a copy: the text's own may change later
            return paths

        def _get_font_height_metrics(self, prop):
            """The font's (ascent, descent, line gap) in pixels, as ``Text._get_layout``
            reads them from the font's tables (matplotlib's hook for backends), cached."""
            paths = self._font_paths(prop)
            size = prop.get_size_in_points()
            key = (paths, size, self.dpi)
            metrics = _METRICS.get(key)
            if metrics is None:
                metrics = _METRICS[key] = _font_height_metrics(get_font(paths), size, self.dpi)
            return metrics

        def draw_text(self, gc, x, y, s, prop, angle, ismath=False, mtext=None):
            if ismath or angle:
                return super().draw_text(gc, x, y, s, prop, angle, ismath, mtext)
            flags = backend_agg.get_hinting_flag()
            size = prop.get_size_in_points()
            features = mtext.get_fontfeatures() if mtext is not None else None
            language = mtext.get_language() if mtext is not None else None
            paths = self._font_paths(prop)
            key = (paths, size, self.dpi, s, flags, _hashable(features), language)
            items = _LAYOUTS.get(key)
            if items is None:
                font = get_font(paths)
                font.clear()
                font.set_size(size, self.dpi)
                laid = font._layout(s, flags=flags, features=features, language=language)
                items = [(i.ft_object, i.glyph_index, i.x, i.y) for i in laid]
                if len(_LAYOUTS) >= _MAX_LAYOUTS:
                    _LAYOUTS.clear()
                _LAYOUTS[key] = items
            antialiased = gc.get_antialiased()
            mode = RenderMode.NORMAL if antialiased else RenderMode.MONO
            height = self.height
            for ft_object, glyph_index, dx, dy in items:
                # the pen position in 26.6 fixed point, as matplotlib hands it to FreeType
                px = round(0x40 * (x + dx))
                py = round(0x40 * (height - y + dy))
                gkey = (
                    ft_object,
                    size,
                    self.dpi,
                    glyph_index,
                    flags,
                    antialiased,
                    px & 63,
                    py & 63,
                )
                glyph = _GLYPHS.get(gkey)
                if glyph is None:
                    glyph = _glyph_entry(ft_object, size, self.dpi, glyph_index, flags, mode, gkey)
                buffer, left, top = glyph
                # draw_text_image's y is downwards and the bitmap's bottom side
                self._renderer.draw_text_image(
                    buffer,
                    left + (px >> 6),
                    int(height) - (top + (py >> 6)) + buffer.shape[0],
                    0,
                    gc,
                )

    def _glyph_entry(ft_object, size, dpi, glyph_index, flags, mode, gkey):
        """Render the glyph at the fractional position of ``gkey`` (whole pixels: 0)."""
        fx, fy = gkey[-2], gkey[-1]
        ft_object.set_size(size, dpi)
        ft_object._set_transform(_IDENTITY, [fx, fy])
        bitmap = ft_object._render_glyph(glyph_index, flags, mode)
        buffer = bitmap.buffer.copy()
        if mode != RenderMode.NORMAL:
            buffer *= 0xFF
        entry = (buffer, bitmap.left, bitmap.top)
        if len(_GLYPHS) >= _MAX_GLYPHS:
            _GLYPHS.clear()
        _GLYPHS[gkey] = entry
        return entry

    return GlyphCachingRenderer


def _font_height_metrics(font, fontsize: float, dpi: float) -> tuple:
    """matplotlib 3.11's ``Text._get_layout`` reading of the font's vertical metrics
    (``(None, None, None)``: neither table, matplotlib then measures the font)."""
    possible = [
        ("OS/2", "sTypoLineGap", "sTypoAscender", "sTypoDescender"),
        ("hhea", "lineGap", "ascent", "descent"),
    ]
    for table_name, linegap_key, ascent_key, descent_key in possible:
        table = font.get_sfnt_table(table_name)
        if table is None:
            continue
        units_per_em = font.get_sfnt_table("head")["unitsPerEm"]
        scale = 1 / units_per_em * fontsize * dpi / 72
        line_gap = table[linegap_key] * scale
        min_ascent = table[ascent_key] * scale
        min_descent = -table[descent_key] * scale
        return min_ascent, min_descent, line_gap
    return None, None, None


def _hashable(value):
    return tuple(value) if isinstance(value, list) else value
