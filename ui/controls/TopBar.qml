// The bar on every screen but the attract screen: form title, progress, read-aloud,
// accessibility and the language button.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Kiosk.Backend
import ".."

Rectangle {
    id: bar
    signal languageRequested()
    signal accessibilityRequested()
    signal readRequested()
    implicitHeight: row.implicitHeight + 2 * Theme.spacing
    color: Theme.surface
    border.color: Theme.border

    RowLayout {
        id: row
        anchors.fill: parent
        anchors.leftMargin: Theme.margin
        anchors.rightMargin: Theme.margin
        spacing: Theme.spacing
        Text {
            textFormat: Text.PlainText  // never render markup a visitor typed
            objectName: "topTitle"
            Layout.fillWidth: true
            text: Kiosk.visit.formTitle.length > 0 ? Kiosk.visit.formTitle : qsTr("Shekou expat service center")
            font.pixelSize: Theme.headingSize
            font.bold: true
            color: Theme.text
            elide: Text.ElideRight
        }
        StepProgress {
            visible: Kiosk.visit.screen === "step"
            current: Kiosk.visit.stepNumber
            total: Kiosk.visit.stepCount
        }
        BigButton {
            objectName: "speakButton"
            text: qsTr("Read aloud")
            implicitWidth: Theme.touchTarget
            contentItem: SpeakerIcon { color: Theme.secondaryText }
            onClicked: bar.readRequested()
        }
        BigButton {
            objectName: "accessibilityButton"
            Accessible.name: qsTr("Accessibility")
            text: "Aa"
            implicitWidth: Math.max(Theme.touchTarget, contentItem.implicitWidth + 24)
            onClicked: bar.accessibilityRequested()
        }
        BigButton {
            objectName: "languageButton"
            text: Kiosk.visit.language === "en" ? "Language" : qsTr("Language") + " · Language"
            onClicked: bar.languageRequested()
        }
    }
}
