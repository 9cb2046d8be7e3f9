// The bar on every screen but the attract screen: form title, progress, read-aloud,
// accessibility, help (call staff) and the language button.
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
    signal helpRequested()
    implicitHeight: row.implicitHeight + 2 * Theme.spacing
    color: Theme.surface
    border.color: Theme.border

    RowLayout {
        id: row
        anchors.fill: parent
        anchors.leftMargin: Theme.margin
        anchors.rightMargin: Theme.margin
        spacing: Theme.spacing
        // The center's mark: a ferry for the Shekou port, on the center's blue.
        Rectangle {
            objectName: "brandMark"
            implicitWidth: Theme.touchTarget
            implicitHeight: Theme.touchTarget
            radius: width / 2
            color: Theme.primary
            Icon { anchors.centerIn: parent; name: "ferry"; color: Theme.primaryText }
        }
        Text {
            textFormat: Text.PlainText  // never render markup a visitor typed
            objectName: "topTitle"
            Layout.fillWidth: true
            text: Kiosk.visit.screen === "service" ? qsTr("What would you like to do?")
                  : Kiosk.visit.formTitle.length > 0 ? Kiosk.visit.formTitle : qsTr("Shekou expat service center")
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
            objectName: "helpButton"
            text: qsTr("Help")
            glyph: "faceAgent"
            onClicked: bar.helpRequested()
        }
        BigButton {
            objectName: "languageButton"
            // The English word helps a visitor stranded in a language they cannot read; on a narrow
            // screen the translate icon does that job alone.
            text: Kiosk.visit.language === "en" || bar.width < 1400 ? qsTr("Language") : qsTr("Language") + " · Language"
            glyph: "translate"
            onClicked: bar.languageRequested()
        }
    }
}
