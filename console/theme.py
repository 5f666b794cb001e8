"""The console's themes: a high-contrast one (the default) for long days at the queue."""

from __future__ import annotations

from typing import Final

from textual.theme import Theme

HIGH_CONTRAST: Final = Theme(
    name="naevn-high-contrast",
    primary="#FFD700",
    secondary="#00FFFF",
    accent="#FFD700",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#1C1C1C",
    boost="#303030",
    success="#00FF5F",
    warning="#FFAF00",
    error="#FF5F5F",
    dark=True,
    luminosity_spread=0.1,
    text_alpha=1.0,
    variables={
        "block-cursor-background": "#FFD700",
        "block-cursor-foreground": "#000000",
        "block-cursor-text-style": "bold",
        "footer-key-foreground": "#FFD700",
        "footer-description-foreground": "#FFFFFF",
        "input-selection-background": "#FFD700 50%",
        "border": "#FFFFFF",
        "border-blurred": "#808080",
        "scrollbar": "#808080",
        "scrollbar-background": "#000000",
    },
)
"""Black, white and yellow; nothing relies on colour alone (marks carry a symbol too)."""

THEMES: Final = (HIGH_CONTRAST,)
"""Every theme the console registers."""

DEFAULT_THEME: Final = HIGH_CONTRAST.name
"""The theme a console starts in."""
