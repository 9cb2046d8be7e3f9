// Explicit Back and Next at the bottom of a screen (first-time users don't know to swipe).
// Arrows are icons pointing the reading direction's way (mirrored for Arabic).
import QtQuick
import QtQuick.Layouts
import "../controls"
import ".."

RowLayout {
    id: nav
    property string nextText: qsTr("Next")
    property string nextName: "nextButton"
    property bool nextEnabled: true
    property bool showNext: true
    property string nextGlyph: ""  // instead of the reading direction's arrow (a Kiosk.icons name)
    readonly property bool rtl: nav.LayoutMirroring.enabled
    signal back()
    signal next()
    spacing: Theme.spacing
    BigButton {
        objectName: "backButton"
        text: qsTr("Back")
        glyph: nav.rtl ? "arrowRight" : "arrowLeft"
        Layout.preferredWidth: Math.max(260, implicitWidth)
        onClicked: nav.back()
    }
    Item { Layout.fillWidth: true }
    BigButton {
        objectName: nav.nextName
        visible: nav.showNext
        enabled: nav.nextEnabled
        primary: true
        text: nav.nextText
        glyph: nav.nextGlyph || (nav.rtl ? "arrowLeft" : "arrowRight")
        glyphAtEnd: true
        Layout.preferredWidth: Math.max(320, implicitWidth)
        onClicked: nav.next()
    }
}
