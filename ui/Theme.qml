// Visual constants in one place: sizes, colours, the minimum touch target.
pragma Singleton
import QtQuick

QtObject {
    // The smallest thing a finger must hit: 64 px at 1920x1080 is about 15 mm on a 24" screen.
    readonly property int touchTarget: 72
    readonly property int minTarget: 64
    readonly property int spacing: 16
    readonly property int margin: 32
    readonly property int radius: 10

    readonly property string fontFamily: "Noto Sans"
    readonly property int textSize: 24
    readonly property int smallSize: 20
    readonly property int titleSize: 40
    readonly property int headingSize: 30
    readonly property int hugeSize: 64

    // Colours: text on background and on primary reach at least 7:1 (WCAG AAA).
    readonly property color background: "#F7F9FC"
    readonly property color surface: "#FFFFFF"
    readonly property color text: "#111827"
    readonly property color mutedText: "#374151"
    readonly property color primary: "#0B4F8A"
    readonly property color primaryText: "#FFFFFF"
    readonly property color secondary: "#E5ECF4"
    readonly property color secondaryText: "#0B2540"
    readonly property color border: "#6B7785"
    readonly property color error: "#A4161A"
    readonly property color warning: "#7A4A00"
    readonly property color selected: "#0B4F8A"
    readonly property color focus: "#F2B705"
}
