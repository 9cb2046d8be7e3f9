// Visual constants in one place: sizes, colours, the minimum touch target.
// Colours come from the active palette (kiosk/theme.py: every text pair ≥ 7:1, WCAG AAA);
// text sizes follow the visitor's text-size choice (100% to 200%).
pragma Singleton
import QtQuick
import Kiosk.Backend

QtObject {
    readonly property var palette: Kiosk.display ? Kiosk.display.colors : ({})
    readonly property real scale: Kiosk.display ? Kiosk.display.textScale : 1.0
    readonly property bool reducedMotion: Kiosk.display ? Kiosk.display.reducedMotion : false

    // The smallest thing a finger must hit: 64 px at 1920x1080 is 17 mm on a 32" lobby screen
    // (0.364 mm per pixel), 15 mm on a 27" one.
    readonly property int touchTarget: 72
    readonly property int minTarget: 64
    readonly property int spacing: 16
    readonly property int margin: 32
    readonly property int radius: 10

    readonly property string fontFamily: "Noto Sans"
    readonly property string iconFamily: "Kiosk Icons"  // kiosk/icons.py; glyphs in Kiosk.icons
    readonly property int iconSize: Math.round(48 * scale)
    readonly property int textSize: Math.round(24 * scale)
    readonly property int smallSize: Math.round(20 * scale)
    readonly property int titleSize: Math.round(36 * scale)
    readonly property int headingSize: Math.round(28 * scale)
    readonly property int hugeSize: Math.round(64 * scale)

    readonly property color background: palette.background || "#F7F9FC"
    readonly property color surface: palette.surface || "#FFFFFF"
    readonly property color text: palette.text || "#111827"
    readonly property color mutedText: palette.mutedText || "#374151"
    readonly property color primary: palette.primary || "#0B4F8A"
    readonly property color primaryText: palette.primaryText || "#FFFFFF"
    readonly property color secondary: palette.secondary || "#E5ECF4"
    readonly property color secondaryText: palette.secondaryText || "#0B2540"
    readonly property color border: palette.border || "#6B7785"
    readonly property color error: palette.error || "#8E1216"
    readonly property color warning: palette.warning || "#5C3800"
    readonly property color selected: primary
    readonly property color focus: palette.focus || "#F2B705"
    readonly property color overlay: palette.overlay || "#CC000000"
}
