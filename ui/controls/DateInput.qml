// A date chosen without typing: three wheels (day, month, year) in a popup, then OK.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Kiosk.Backend
import ".."

Item {
    id: root
    required property var field
    implicitHeight: opener.implicitHeight
    implicitWidth: 480

    function parse(iso) {
        var p = String(iso).split("-")
        return { y: parseInt(p[0]), m: parseInt(p[1]), d: parseInt(p[2]) }
    }
    function pad(n) { return n < 10 ? "0" + n : "" + n }

    BigButton {
        id: opener
        objectName: "date_" + root.field.fieldId
        anchors.fill: parent
        text: root.field.display.length > 0 ? root.field.display : qsTr("Choose a date")
        onClicked: picker.open()
    }

    Popup {
        id: picker
        objectName: "datePicker_" + root.field.fieldId
        parent: Overlay.overlay
        x: (parent.width - width) / 2
        y: Kiosk.display.reachMode ? parent.height - height - Theme.margin : (parent.height - height) / 2
        modal: true
        focus: true
        padding: Theme.margin
        onOpened: dayWheel.forceActiveFocus()
        readonly property var low: root.parse(root.field.dateMin)
        readonly property var high: root.parse(root.field.dateMax)
        property var months: Kiosk.monthNames(Kiosk.visit.language)

        function daysIn(y, m) { return new Date(y, m, 0).getDate() }
        onAboutToShow: {
            // The answer, else today (the kiosk's clock, not the screen's), within min..max.
            var start = root.parse(root.field.dateStart)
            yearWheel.currentIndex = start.y - low.y
            monthWheel.currentIndex = start.m - 1
            dayWheel.currentIndex = start.d - 1
        }
        function chosen() {
            var y = low.y + yearWheel.currentIndex
            var m = monthWheel.currentIndex + 1
            var d = Math.min(dayWheel.currentIndex + 1, daysIn(y, m))
            return y + "-" + root.pad(m) + "-" + root.pad(d)
        }

        background: Rectangle { color: Theme.surface; radius: Theme.radius; border.color: Theme.border; border.width: 2 }
        contentItem: ColumnLayout {
            spacing: Theme.spacing
            Text {
                textFormat: Text.PlainText  // never render markup a visitor typed
                text: root.field.label
                font.pixelSize: Theme.headingSize
                color: Theme.text
                Layout.maximumWidth: 900
                wrapMode: Text.WordWrap
            }
            RowLayout {
                spacing: Theme.spacing * 2
                LayoutMirroring.enabled: false
                Tumbler {
                    id: dayWheel
                    objectName: "dayWheel"
                    activeFocusOnTab: true
                    // Keypads: arrows turn the wheel.
                    Keys.onUpPressed: currentIndex = Math.max(0, currentIndex - 1)
                    Keys.onDownPressed: currentIndex = Math.min(count - 1, currentIndex + 1)
                    background: Rectangle { color: "transparent"; radius: Theme.radius; border.width: parent.activeFocus ? 4 : 0; border.color: Theme.focus }
                    model: picker.daysIn(picker.low.y + yearWheel.currentIndex, monthWheel.currentIndex + 1)
                    visibleItemCount: 5
                    implicitWidth: 120; implicitHeight: Theme.touchTarget * 5
                    font.pixelSize: Theme.headingSize
                    delegate: Text { textFormat: Text.PlainText; required property int index; text: index + 1; font.pixelSize: Theme.headingSize; horizontalAlignment: Text.AlignHCenter; verticalAlignment: Text.AlignVCenter; color: Theme.text; opacity: 1.0 - Math.abs(Tumbler.displacement) / 3 }
                }
                Tumbler {
                    id: monthWheel
                    objectName: "monthWheel"
                    activeFocusOnTab: true
                    // Keypads: arrows turn the wheel.
                    Keys.onUpPressed: currentIndex = Math.max(0, currentIndex - 1)
                    Keys.onDownPressed: currentIndex = Math.min(count - 1, currentIndex + 1)
                    background: Rectangle { color: "transparent"; radius: Theme.radius; border.width: parent.activeFocus ? 4 : 0; border.color: Theme.focus }
                    model: picker.months
                    visibleItemCount: 5
                    implicitWidth: 320; implicitHeight: Theme.touchTarget * 5
                    delegate: Text { textFormat: Text.PlainText; required property var modelData; required property int index; text: modelData; font.pixelSize: Theme.headingSize; horizontalAlignment: Text.AlignHCenter; verticalAlignment: Text.AlignVCenter; color: Theme.text; opacity: 1.0 - Math.abs(Tumbler.displacement) / 3 }
                }
                Tumbler {
                    id: yearWheel
                    objectName: "yearWheel"
                    activeFocusOnTab: true
                    // Keypads: arrows turn the wheel.
                    Keys.onUpPressed: currentIndex = Math.max(0, currentIndex - 1)
                    Keys.onDownPressed: currentIndex = Math.min(count - 1, currentIndex + 1)
                    background: Rectangle { color: "transparent"; radius: Theme.radius; border.width: parent.activeFocus ? 4 : 0; border.color: Theme.focus }
                    model: picker.high.y - picker.low.y + 1
                    visibleItemCount: 5
                    wrap: false
                    implicitWidth: 160; implicitHeight: Theme.touchTarget * 5
                    delegate: Text { textFormat: Text.PlainText; required property int index; text: picker.low.y + index; font.pixelSize: Theme.headingSize; horizontalAlignment: Text.AlignHCenter; verticalAlignment: Text.AlignVCenter; color: Theme.text; opacity: 1.0 - Math.abs(Tumbler.displacement) / 3 }
                }
            }
            RowLayout {
                spacing: Theme.spacing
                BigButton {
                    objectName: "dateCancel"
                    text: qsTr("Cancel")
                    onClicked: picker.close()
                }
                Item { Layout.fillWidth: true }
                BigButton {
                    objectName: "dateOk"
                    primary: true
                    text: qsTr("OK")
                    onClicked: { root.field.setAnswer(picker.chosen()); picker.close() }
                }
            }
        }
    }
}
