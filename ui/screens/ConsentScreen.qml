// What is collected, why, how long it is kept and who sees it; must be accepted to go on.
// Agreeing needs the whole text seen: until it has been scrolled to its end, the main button
// says "More below" and scrolls one page (a touch, or Enter on a keypad).
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Kiosk.Backend
import "../controls"
import ".."

Item {
    objectName: "consentScreen"
    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.margin
        spacing: Theme.spacing
        Text {
            textFormat: Text.PlainText  // never render markup a visitor typed
            text: qsTr("Before you start: your data")
            font.pixelSize: Theme.titleSize
            font.bold: true
            color: Theme.text
            Layout.fillWidth: true
            wrapMode: Text.WordWrap
        }
        Flickable {
            id: consentFlick
            objectName: "consentFlick"
            Layout.fillWidth: true
            Layout.fillHeight: true
            contentHeight: body.implicitHeight
            clip: true
            boundsBehavior: Flickable.StopAtBounds
            ScrollBar.vertical: ScrollBar { width: 24; policy: consentFlick.contentHeight > consentFlick.height + 1 ? ScrollBar.AlwaysOn : ScrollBar.AsNeeded }
            // Latched: once the end has been on screen, scrolling back up does not undo it.
            property bool seenAll: false
            readonly property bool atEnd: contentHeight <= height + 1 || contentY + height >= contentHeight - 2
            onAtEndChanged: if (atEnd && height > 0) seenAll = true
            Component.onCompleted: if (atEnd && height > 0) seenAll = true
            onHeightChanged: if (atEnd && height > 0) seenAll = true
            function pageDown() {
                contentY = Math.min(contentHeight - height, contentY + height * 0.8)
            }
            ColumnLayout {
                id: body
                width: parent.width - 32
                spacing: Theme.spacing
                Repeater {
                    // Documents to bring first: a visitor without them can go back before typing anything.
                    model: [
                        { name: "consentBring", title: qsTr("Documents to bring"), text: Kiosk.visit.consentBring },
                        { name: "consentCollected", title: qsTr("What we collect"), text: Kiosk.visit.consentCollected },
                        { name: "consentWhy", title: qsTr("Why"), text: Kiosk.visit.consentPurpose },
                        { name: "consentRetention", title: qsTr("How long we keep it"), text: Kiosk.visit.consentRetention },
                        { name: "consentWho", title: qsTr("Who sees it"), text: Kiosk.visit.consentWho },
                        { name: "consentPhotos", title: qsTr("Photos"), text: Kiosk.photos ? Kiosk.photos.consent : "" }
                    ]
                    ColumnLayout {
                        required property var modelData
                        visible: modelData.text.length > 0  // a service with nothing to bring
                        Layout.fillWidth: true
                        spacing: 4
                        Text { textFormat: Text.PlainText; text: modelData.title; font.pixelSize: Theme.headingSize; font.bold: true; color: Theme.text; Layout.fillWidth: true; wrapMode: Text.WordWrap }
                        Text { textFormat: Text.PlainText; objectName: modelData.name; text: modelData.text; font.pixelSize: Theme.textSize; color: Theme.text; Layout.fillWidth: true; wrapMode: Text.WordWrap }
                    }
                }
            }
        }
        NavBar {
            Layout.fillWidth: true
            nextName: "consentAccept"
            nextText: consentFlick.seenAll ? qsTr("I agree") : qsTr("More below")
            nextGlyph: consentFlick.seenAll ? "" : "chevronDown"
            onBack: Kiosk.visit.back()
            onNext: consentFlick.seenAll ? Kiosk.visit.acceptConsent() : consentFlick.pageDown()
        }
    }
}
