// A finger-sized button: at least Theme.minTarget high and wide, primary or secondary look,
// optionally an icon (`glyph`, a name in Kiosk.icons) on the reading direction's starting side.
import QtQuick
import QtQuick.Controls
import ".."

Button {
    id: control
    property bool primary: false
    property bool selectedLook: false
    property string glyph: ""
    property bool glyphAtEnd: false  // "Next →": the icon after the label
    readonly property color ink: control.primary || control.selectedLook ? Theme.primaryText : Theme.secondaryText
    // Symmetric, so the label stays centred whichever side the icon is on (right to left too).
    readonly property int glyphSize: Math.round(Theme.textSize * 1.4)
    readonly property real sidePadding: glyph.length > 0 ? glyphSize + 24 : 12
    leftPadding: sidePadding
    rightPadding: sidePadding
    implicitHeight: Math.max(Theme.touchTarget, contentItem.implicitHeight + 24)
    implicitWidth: Math.max(Theme.touchTarget * 2, contentItem.implicitWidth + 2 * sidePadding + (glyph.length > 0 ? 0 : 24))
    font.pixelSize: Theme.textSize
    focusPolicy: Qt.StrongFocus
    Accessible.name: text
    // Tactile keypads send Enter: activate like a touch (Qt Quick buttons only take Space).
    Keys.onReturnPressed: clicked()
    Keys.onEnterPressed: clicked()

    contentItem: Text {
        textFormat: Text.PlainText  // never render markup a visitor typed
        text: control.text
        font: control.font
        color: control.ink
        horizontalAlignment: Text.AlignHCenter
        verticalAlignment: Text.AlignVCenter
        wrapMode: Text.WordWrap
        opacity: control.enabled ? 1 : 0.6
    }
    background: Rectangle {
        radius: Theme.radius
        color: control.primary || control.selectedLook ? Theme.primary : Theme.secondary
        border.width: control.activeFocus ? 4 : 1
        border.color: control.activeFocus ? Theme.focus : Theme.border
        opacity: control.down ? 0.8 : 1
        Icon {
            visible: control.glyph.length > 0
            name: control.glyph
            color: control.ink
            font.pixelSize: control.glyphSize
            anchors.left: control.glyphAtEnd ? undefined : parent.left
            anchors.right: control.glyphAtEnd ? parent.right : undefined
            anchors.leftMargin: 16
            anchors.rightMargin: 16
            anchors.verticalCenter: parent.verticalCenter
            opacity: control.enabled ? 1 : 0.6
        }
    }
}
