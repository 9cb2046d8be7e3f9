// One group of fields: title, the fields, Back and Next.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Kiosk.Backend
import "../controls"
import ".."

Item {
    objectName: "stepScreen"
    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.margin
        spacing: Theme.spacing
        Text {
            textFormat: Text.PlainText  // never render markup a visitor typed
            objectName: "stepTitle"
            text: Kiosk.visit.stepTitle
            font.pixelSize: Theme.titleSize
            font.bold: true
            color: Theme.text
            Layout.fillWidth: true
            wrapMode: Text.WordWrap
        }
        Flickable {
            id: flick
            objectName: "stepFlick"
            Layout.fillWidth: true
            Layout.fillHeight: true
            contentHeight: column.implicitHeight
            clip: true
            boundsBehavior: Flickable.StopAtBounds

            // The field being typed stays in view: when the focus moves, and when the keyboard
            // opens and the view shrinks to the part of the screen above it.
            function reveal() {
                var item = flick.Window.activeFocusItem
                var p = item
                while (p && p !== flick.contentItem) p = p.parent
                if (!p) return  // the focus is elsewhere (keyboard, nav bar, a popup)
                // The whole field (label, help, error) when it fits, else its input.
                var shown = item
                for (let q = item; q && q !== flick.contentItem; q = q.parent)
                    if (String(q.objectName).indexOf("fieldRow_") === 0) { if (q.height <= flick.height) shown = q; break }
                var top = shown.mapToItem(flick.contentItem, 0, 0).y
                var bottom = top + shown.height
                var y = flick.contentY
                if (bottom + Theme.spacing > y + flick.height) y = bottom + Theme.spacing - flick.height
                if (top - Theme.spacing < y) y = top - Theme.spacing
                flick.contentY = Math.max(0, Math.min(y, flick.contentHeight - flick.height))
            }
            Timer { id: revealLater; interval: 0; onTriggered: flick.reveal() }
            onHeightChanged: revealLater.restart()
            Connections {
                target: flick.Window
                function onActiveFocusItemChanged() { revealLater.restart() }
            }
            ScrollBar.vertical: ScrollBar { width: 24; policy: flick.contentHeight > flick.height ? ScrollBar.AlwaysOn : ScrollBar.AsNeeded }
            ColumnLayout {
                id: column
                width: flick.width - 40
                spacing: Theme.margin
                MrzScan { Layout.fillWidth: true }  // only on the first step of a form with passport data
                Repeater {
                    model: Kiosk.visit.fields
                    FieldDelegate { Layout.fillWidth: true }
                }
            }
        }
        NavBar {
            Layout.fillWidth: true
            onBack: Kiosk.visit.back()
            // Qt.inputMethod is a QInputMethod, described to qmllint as a plain QObject.
            onNext: { Qt.inputMethod.commit(); Kiosk.visit.next() }  // qmllint disable missing-property
        }
    }
}
