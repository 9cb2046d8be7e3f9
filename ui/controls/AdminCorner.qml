// The hidden staff gesture: a long press (5 s) in the top corner of the attract screen opens the
// PIN pad; a right PIN opens the admin screen. A short tap there starts a visit like anywhere else.
import QtQuick
import Kiosk.Backend
import "../screens"
import ".."

Item {
    id: corner
    z: 900

    MouseArea {
        objectName: "adminCorner"
        width: 96
        height: 96
        anchors.top: parent.top
        anchors.right: parent.right
        enabled: Kiosk.visit.screen === "attract" && !Kiosk.admin.pinPadOpen && !Kiosk.admin.screenOpen
        pressAndHoldInterval: Kiosk.admin.holdSeconds * 1000
        onPressAndHold: Kiosk.admin.openPinPad()
        onClicked: Kiosk.visit.start()
    }

    PinPad {
        anchors.fill: parent
        visible: Kiosk.admin.pinPadOpen
    }

    Loader {
        objectName: "adminLoader"
        anchors.fill: parent
        active: Kiosk.admin.screenOpen
        sourceComponent: Component { AdminScreen {} }
    }
}
