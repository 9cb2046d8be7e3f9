// Explicit Back and Next at the bottom of a screen (first-time users don't know to swipe).
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
    property string nextArrow: ""  // instead of the reading direction's arrow
    signal back()
    signal next()
    spacing: Theme.spacing
    BigButton {
        objectName: "backButton"
        text: (nav.LayoutMirroring.enabled ? "▶ " : "◀ ") + qsTr("Back")
        Layout.preferredWidth: 260
        onClicked: nav.back()
    }
    Item { Layout.fillWidth: true }
    BigButton {
        objectName: nav.nextName
        visible: nav.showNext
        enabled: nav.nextEnabled
        primary: true
        text: nav.nextText + " " + (nav.nextArrow || (nav.LayoutMirroring.enabled ? "◀" : "▶"))
        Layout.preferredWidth: 320
        onClicked: nav.next()
    }
}
