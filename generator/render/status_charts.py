"""Chart images (PNG) for the Word status report, drawn with matplotlib.

Chinese labels use Noto Sans CJK when installed (Microsoft YaHei / SimHei on Windows),
picked by family name. Legends sit below the plot area inside the figure
(``bbox_inches="tight"``), so they are never clipped. PNG metadata carries no software
version or time, so the same data gives the same bytes.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

from generator.render.status_text import LABELS, RAG_COLOURS

if TYPE_CHECKING:
    from generator.tracking.status import Status

FONTS = [
    "Noto Sans CJK SC",
    "Noto Sans CJK JP",
    "Microsoft YaHei",
    "SimHei",
    "PingFang SC",
    "DejaVu Sans",
]


def chart_figure(
    width: float, height: float, *, dpi: float | None = None, labelsize: float = 8
) -> tuple[Any, Any]:
    """A matplotlib (figure, axes) in the reports' look; width and height in inches.

    Agg backend, CJK-capable fonts (FONTS), fixed SVG ids and text drawn as paths (same
    data, same bytes; no font needed to read an SVG), no top/right spines, tick labels of
    ``labelsize`` points. ``dpi`` None is matplotlib's default.
    """
    import matplotlib

    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt

    plt.rcParams["font.family"] = "sans-serif"
    plt.rcParams["font.sans-serif"] = FONTS
    plt.rcParams["axes.unicode_minus"] = False
    plt.rcParams["svg.hashsalt"] = "implkit"
    plt.rcParams["svg.fonttype"] = "path"
    fig, ax = plt.subplots(figsize=(width, height), dpi=dpi)
    ax.spines["top"].set_visible(False)
    ax.spines["right"].set_visible(False)
    ax.tick_params(labelsize=labelsize)
    return fig, ax


def _figure(width: float, height: float) -> tuple[Any, Any]:
    """The status report's chart: 150 dpi (a PNG), small ticks, a light horizontal grid."""
    fig, ax = chart_figure(width, height, dpi=150, labelsize=7)
    ax.grid(axis="y", color="#E0E0E0", linewidth=0.6)
    return fig, ax


def _png(fig: Any) -> bytes:
    import matplotlib.pyplot as plt

    _fixed_date_ticks(fig)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", bbox_inches="tight", metadata={"Software": None})
    plt.close(fig)
    return buffer.getvalue()


def _fixed_date_ticks(fig: Any) -> None:
    """Each date axis keeps the ticks its automatic locator gives now, as fixed ticks.

    Saving with ``bbox_inches="tight"`` lays the figure out three times (a draw without
    rendering, the tight box, the real draw), and each asks every axis for its ticks
    several times: on a date axis that is a date rule walked each time, about a seventh
    of drawing the chart. Nothing changes the data or the view after this point, so the
    locator would give the same ticks each time: the same image, from one walk."""
    from matplotlib.dates import AutoDateLocator
    from matplotlib.ticker import FixedLocator

    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            if isinstance(axis.get_major_locator(), AutoDateLocator):
                axis.set_major_locator(FixedLocator(axis.get_majorticklocs()))


def s_curve(status: Status, lang: str) -> bytes:
    """PV over the baseline, EV and AC up to the status date."""
    L = LABELS[lang]
    fig, ax = _figure(4.6, 2.25)
    days = [d for d, *_ in status.curve]
    ax.plot(
        days, [pv for _, pv, _, _ in status.curve], color="#1F4E79", linewidth=1.6, label=L["pv"]
    )
    for index, key, colour in ((2, "ev", "#2E7D32"), (3, "ac", "#C62828")):
        points = [(row[0], row[index]) for row in status.curve if row[index] is not None]
        if points:
            ax.plot(
                [p[0] for p in points],
                [p[1] for p in points],
                color=colour,
                linewidth=1.6,
                marker="o",
                markersize=3,
                label=L[key],
            )
    ax.axvline(status.as_of, color="#9E9E9E", linestyle="--", linewidth=0.8)
    ax.set_title(L["c_curve"], fontsize=9)
    ax.yaxis.set_major_formatter(_thousands())
    _date_axis(ax)
    ax.legend(fontsize=7, loc="upper center", bbox_to_anchor=(0.5, -0.22), ncol=3, frameon=False)
    return _png(fig)


def trend(status: Status, lang: str, limit: int = 6) -> bytes:
    """Milestone trend analysis: each milestone's forecast (y) at each status date (x)."""
    L = LABELS[lang]
    fig, ax = _figure(4.6, 2.25)
    from generator.tracking.status import trend_milestones

    chosen = trend_milestones(status, limit)
    points = [(s.as_of, dict(s.milestones)) for s in status.trend if s.as_of < status.as_of]
    points.append((status.as_of, {m.id: m.forecast for m in status.milestones}))
    for m in chosen:
        xs = [p for p, dates in points if m.id in dates]
        ys = [dates[m.id] for _, dates in points if m.id in dates]
        ax.plot(xs, ys, marker="D", markersize=3, linewidth=1.2, label=_short(m.name))
    ax.set_title(L["c_trend"], fontsize=9)
    if not chosen:  # nothing to draw: a short note in the frame, no empty legend
        ax.set_axis_off()
        ax.text(
            0.5,
            0.5,
            L["no_chart"].format(what=L["c_trend"]),
            ha="center",
            va="center",
            fontsize=8,
            color="#595959",
            transform=ax.transAxes,
        )
        return _png(fig)
    _date_axis(ax)
    import matplotlib.dates as mdates

    ax.yaxis.set_major_formatter(mdates.DateFormatter("%Y-%m-%d"))
    ax.legend(fontsize=6.5, loc="upper center", bbox_to_anchor=(0.5, -0.25), ncol=2, frameon=False)
    return _png(fig)


def rag_colour(rag: str) -> str:
    return RAG_COLOURS[rag].lstrip("#")


def _thousands() -> Any:
    from matplotlib.ticker import FuncFormatter

    return FuncFormatter(lambda value, _pos: f"{value:,.0f}")


def _date_axis(ax: Any) -> None:
    import matplotlib.dates as mdates

    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m"))
    for label in ax.get_xticklabels():
        label.set_rotation(30)
        label.set_horizontalalignment("right")


def _short(text: str, limit: int = 30) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
